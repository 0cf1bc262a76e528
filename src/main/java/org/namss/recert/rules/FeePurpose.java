package org.namss.recert.rules;

/** What an invoice pays for; the {@code purpose} input of {@value Decisions#FEE_SCHEDULE} (R28). */
public enum FeePurpose {
    /** A recertification or reinstatement application (recertification fee plus late/reinstatement fee). */
    RECERTIFICATION,
    /** An extension request (R20). */
    EXTENSION
}
