package org.namss.recert.rules;

/**
 * R16: the review is due {@code dueDays} after the fee is received (in a later round: after the requested changes
 * arrive) and escalates after {@code escalateDays}; R25-R27 (decided): requested changes are due
 * {@code changesDueDays} after staff ask for them (null when the deployed table version has no such output).
 */
public record ReviewDeadlines(int dueDays, int escalateDays, Integer changesDueDays) {}
