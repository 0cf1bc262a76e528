package org.namss.recert.rules;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * CE credits a certificant must document for one recertification (R5, R6).
 *
 * @param totalCredits    total credits required
 * @param approvedCredits minimum number of those that must be association-approved
 */
public record CreditRequirement(BigDecimal totalCredits, BigDecimal approvedCredits) {

    public CreditRequirement {
        Objects.requireNonNull(totalCredits, "totalCredits");
        Objects.requireNonNull(approvedCredits, "approvedCredits");
    }
}
