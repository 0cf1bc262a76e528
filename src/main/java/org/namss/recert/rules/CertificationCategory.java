package org.namss.recert.rules;

import java.util.Collection;
import java.util.Set;

/**
 * What a certificant holds for one renewal (R1): one of the two certifications, or both (dual).
 * The names are the values the decision tables expect for {@code certificationType}.
 */
public enum CertificationCategory {
    CPCS,
    CPMSM,
    /** Holds both CPCS and CPMSM. */
    DUAL;

    /** The category of a renewal of these certification types (CPCS, CPMSM; one or both, not empty). */
    public static CertificationCategory of(Collection<String> certificationTypes) {
        Set<String> types = Set.copyOf(certificationTypes);
        return types.size() == 2 ? DUAL : valueOf(types.iterator().next());
    }

    /** The certification types a renewal of this category renews. */
    public Set<String> certificationTypes() {
        return this == DUAL ? Set.of(CPCS.name(), CPMSM.name()) : Set.of(name());
    }
}
