package org.namss.recert.certificant;

/** The association's two certifications (R1; the FAQ's "CPCSM" is CPMSM). */
public enum CertificationType {
  CPCS,
  CPMSM
}
