package org.namss.recert.rules;

/**
 * Where an application falls in the renewal calendar; the values of the {@code timing} output of
 * {@value Decisions#SUBMISSION_TIMING} and the {@code timing} input of {@value Decisions#FEE_SCHEDULE}.
 */
public enum SubmissionTiming {
    /** Before the application opens on 1 August of the renewal year (R1a). */
    TOO_EARLY,
    /** On or before 1 December, or paid by a check dated by then (R8, R15). */
    ON_TIME,
    /** 2 to 31 December without extension: late fee (R8). */
    LATE,
    /** Completion of an approved extension, by 1 June of the following year: no late fee (R21, R22). */
    EXTENDED,
    /** Lapsed, but still within the reinstatement period through 30 June of the following year (R25, R26). */
    REINSTATEMENT,
    /** After the reinstatement period: the certification has expired for good (R27). */
    EXPIRED
}
