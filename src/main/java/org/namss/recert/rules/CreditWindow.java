package org.namss.recert.rules;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The days on which earned CE credits count for one renewal, both inclusive (R9).
 *
 * @param start first day that counts
 * @param end   last day that counts
 */
public record CreditWindow(LocalDate start, LocalDate end) {

    public CreditWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    /** Whether a credit earned on {@code date} counts: start and end are inclusive. */
    public boolean contains(LocalDate date) {
        Objects.requireNonNull(date, "date");
        return !date.isBefore(start) && !date.isAfter(end);
    }
}
