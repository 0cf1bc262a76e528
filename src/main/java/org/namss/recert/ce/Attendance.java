package org.namss.recert.ce;

/** How an activity was attended (R13): for virtual ones, city and state are where it was accessed from. */
public enum Attendance {
  IN_PERSON,
  VIRTUAL
}
