package org.namss.recert.rules;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A courtesy notice of the renewal calendar (R23).
 *
 * @param date day to send it
 * @param kind {@code COURTESY_REMINDER} or {@code LATE_FEE_NOTICE}
 */
public record Reminder(LocalDate date, String kind) {

    /** Courtesy reminder before the no-late-fee deadline. */
    public static final String COURTESY_REMINDER = "COURTESY_REMINDER";
    /** Notice on 2 December that a late fee now applies. */
    public static final String LATE_FEE_NOTICE = "LATE_FEE_NOTICE";

    public Reminder {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(kind, "kind");
    }
}
