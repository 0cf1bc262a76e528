package org.namss.recert.notification;

/** A message rendered from its template: subject, plain-text body and HTML body. */
public record RenderedMail(String subject, String textBody, String htmlBody) {}
