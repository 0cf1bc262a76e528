package org.namss.recert.security;

/** Spring Security authorities made from Camunda group memberships. */
public final class Authorities {
  public static final String PREFIX = "GROUP_";

  private Authorities() {}

  public static String group(String groupId) {
    return PREFIX + groupId;
  }
}
