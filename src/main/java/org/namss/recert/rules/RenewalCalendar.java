package org.namss.recert.rules;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
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

    /**
     * The six dates as the inputs of the tables that decide by them (submissionTiming, extensionEligibility,
     * ceCreditWindow, reminderSchedule), named as this table's outputs: {@code applicationOpens}, ...,
     * {@code reinstatementDeadline}. So the calendar is the one place of these dates (R1a, R8, R21, R25, R26).
     */
    public Map<String, Object> asInputs() {
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put(Decisions.APPLICATION_OPENS, applicationOpens);
        inputs.put(Decisions.ON_TIME_DEADLINE, onTimeDeadline);
        inputs.put(Decisions.LATE_DEADLINE, lateDeadline);
        inputs.put(Decisions.LAPSE_DATE, lapseDate);
        inputs.put(Decisions.EXTENSION_DEADLINE, extensionDeadline);
        inputs.put(Decisions.REINSTATEMENT_DEADLINE, reinstatementDeadline);
        return inputs;
    }
}
