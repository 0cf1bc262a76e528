package org.namss.recert.rules;

/**
 * What a certificant holds for one renewal (R1): one of the two certifications, or both (dual).
 * The names are the values the decision tables expect for {@code certificationType}.
 */
public enum CertificationCategory {
    CPCS,
    CPMSM,
    /** Holds both CPCS and CPMSM. */
    DUAL
}
