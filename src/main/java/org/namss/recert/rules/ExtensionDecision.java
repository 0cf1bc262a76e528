package org.namss.recert.rules;

import java.util.Objects;

/**
 * Whether an extension may be requested (R20), and why, in words the certificant can read.
 *
 * @param eligible whether the request can be accepted
 * @param reason   text for the certificant
 */
public record ExtensionDecision(boolean eligible, String reason) {

    public ExtensionDecision {
        Objects.requireNonNull(reason, "reason");
    }
}
