package org.namss.recert.rules;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One invoice line from {@value Decisions#FEE_SCHEDULE} (R28).
 *
 * @param feeCode e.g. {@code RECERTIFICATION_FEE}, {@code LATE_FEE}, {@code EXTENSION_FEE}, {@code REINSTATEMENT_FEE}
 * @param amount  amount in USD, scale of at least 2
 */
public record FeeLine(String feeCode, BigDecimal amount) {

    public FeeLine {
        Objects.requireNonNull(feeCode, "feeCode");
        Objects.requireNonNull(amount, "amount");
    }
}
