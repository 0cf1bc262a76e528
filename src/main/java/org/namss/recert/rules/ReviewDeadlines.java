package org.namss.recert.rules;

/** R16: the review is due {@code dueDays} after the fee is received and escalates after {@code escalateDays}. */
public record ReviewDeadlines(int dueDays, int escalateDays) {}
