package org.namss.recert.rules;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The key dates of one renewal year N, all in the association's time zone (America/New_York).
 *
 * @param applicationOpens       1 Aug of N (R1a)
 * @param onTimeDeadline         1 Dec of N, last day without late fee (R8)
 * @param lateDeadline           31 Dec of N, last day with late fee (R8)
 * @param lapseDate              1 Jan of N+1 (R25)
 * @param extensionDeadline      1 Jun of N+1, last day to complete an extension (R21)
 * @param reinstatementDeadline  30 Jun of N+1, last day of reinstatement (R26)
 *     (The extension requests' cut-off, R20, is decided by extensionEligibility, where it is applied.)
 */
public record RenewalCalendar(
        LocalDate applicationOpens,
        LocalDate onTimeDeadline,
        LocalDate lateDeadline,
        LocalDate lapseDate,
        LocalDate extensionDeadline,
        LocalDate reinstatementDeadline) {

    public RenewalCalendar {
        Objects.requireNonNull(applicationOpens, "applicationOpens");
        Objects.requireNonNull(onTimeDeadline, "onTimeDeadline");
        Objects.requireNonNull(lateDeadline, "lateDeadline");
        Objects.requireNonNull(lapseDate, "lapseDate");
        Objects.requireNonNull(extensionDeadline, "extensionDeadline");
        Objects.requireNonNull(reinstatementDeadline, "reinstatementDeadline");
    }
}
