package org.namss.recert.application;

/** What a certificant applies for. */
public enum ApplicationKind {
  RECERTIFICATION,
  EXTENSION,
  REINSTATEMENT
}
