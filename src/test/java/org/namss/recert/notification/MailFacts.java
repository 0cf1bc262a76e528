package org.namss.recert.notification;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Facts for every template, with the texts a test expects to find in both bodies. */
final class MailFacts {

  static final String SCRIPT = "<script>alert('x')</script>";

  record Line(String description, BigDecimal amount) {}

  record Case(Map<String, Object> facts, String subject, List<String> expected) {}

  private MailFacts() {}

  static Case of(MailTemplate template) {
    return switch (template) {
      case APPLICATION_RECEIVED -> new Case(Map.of("renewalYear", 2026, "certification", "CPCS",
          "reviewDueDays", 21, "escalateDays", 28),
          "We received your 2026 CPCS recertification application", List.of("2026 CPCS", "within 21 to 28 days"));
      case SOMETHING_MISSING -> new Case(Map.of("renewalYear", 2026, "missing",
          List.of("Certificate for \"Credentialing 101\"", "5 more association-approved credits")),
          "Your 2026 recertification application: something is missing",
          List.of("Credentialing 101", "5 more association-approved credits"));
      case INVOICE_PLACED -> new Case(facts("renewalYear", 2026, "invoiceNumber", "INV-2026-000123",
          "lines", List.of(new Line("Recertification fee (CPCS)", new BigDecimal("1250.00")),
              Map.of("description", "Late fee", "amount", new BigDecimal("50.00"))),
          "total", new BigDecimal("1300.00"), "dueDate", LocalDate.of(2026, 12, 31)),
          "Your 2026 recertification invoice INV-2026-000123",
          List.of("INV-2026-000123", "Recertification fee (CPCS)", "$1,250.00", "Late fee", "$50.00", "$1,300.00",
              "December 31, 2026"));
      case PAYMENT_RECEIVED -> new Case(Map.of("renewalYear", 2026, "invoiceNumber", "INV-2026-000123",
          "amount", new BigDecimal("1300.00"), "receivedOn", LocalDate.of(2026, 11, 20), "reviewDueDays", 21,
          "escalateDays", 28),
          "Payment received for invoice INV-2026-000123", List.of("$1,300.00", "November 20, 2026",
              "within 21 to 28 days"));
      case CHANGES_REQUESTED -> new Case(Map.of("renewalYear", 2026, "message",
          "Please upload the certificate of the May webinar."),
          "Changes requested on your 2026 recertification application",
          List.of("Please upload the certificate of the May webinar."));
      case APPROVED -> new Case(Map.of("certification", "CPMSM", "renewalYear", 2026, "nextRenewalYear", 2029,
          "validThrough", LocalDate.of(2029, 12, 31)),
          "Your CPMSM recertification is approved: certified through December 31, 2029",
          List.of("2029", "December 31, 2029", "Credly"));
      case REJECTED -> new Case(Map.of("renewalYear", 2026, "reason", "Credits earned outside the window."),
          "Your 2026 recertification application was not approved", List.of("Credits earned outside the window."));
      case APPLICATION_OPEN -> new Case(Map.of("certification", "CPCS", "renewalYear", 2026,
          "onTimeDeadline", LocalDate.of(2026, 12, 1), "lateDeadline", LocalDate.of(2026, 12, 31),
          "lateFee", new BigDecimal("50.00")),
          "Your 2026 CPCS recertification application is open",
          List.of("December 1, 2026", "December 31, 2026", "$50.00"));
      case COURTESY_REMINDER -> new Case(Map.of("certification", "CPCS", "renewalYear", 2026,
          "onTimeDeadline", LocalDate.of(2026, 12, 1), "lateFee", new BigDecimal("50.00")),
          "Reminder: recertify your CPCS by December 1, 2026 to avoid the late fee",
          List.of("December 1, 2026", "$50.00", "courtesy"));
      case LATE_FEE_NOTICE -> new Case(Map.of("certification", "CPCS", "renewalYear", 2026,
          "lateFee", new BigDecimal("50.00"), "lateDeadline", LocalDate.of(2026, 12, 31)),
          "A $50.00 late fee now applies to your 2026 CPCS recertification",
          List.of("$50.00", "December 31, 2026"));
      case EXTENSION_GRANTED -> new Case(Map.of("renewalYear", 2026, "newDeadline", LocalDate.of(2027, 6, 1)),
          "Your 2026 extension is granted: new deadline June 1, 2027", List.of("June 1, 2027"));
      case EXTENSION_REFUSED -> new Case(Map.of("renewalYear", 2026, "reason",
          "Fewer than half of the required credits were documented."),
          "Your 2026 extension request was not approved",
          List.of("Fewer than half of the required credits were documented."));
      case LAPSED -> new Case(Map.of("certification", "CPCS", "renewalYear", 2026,
          "reinstatementDeadline", LocalDate.of(2027, 6, 30), "reinstatementFee", new BigDecimal("100.00")),
          "Your CPCS certification has lapsed",
          List.of("no longer certified", "may not use the CPCS designation", "June 30, 2027", "$100.00"));
      case REINSTATED -> new Case(Map.of("certification", "CPCS", "nextRenewalYear", 2029,
          "validThrough", LocalDate.of(2029, 12, 31)),
          "Your CPCS certification is reinstated", List.of("December 31, 2029", "2029"));
      case EXPIRED -> new Case(Map.of("certification", "CPMSM"), "Your CPMSM certification has expired",
          List.of("apply as a new candidate", "pass the", "exam"));
    };
  }

  private static Map<String, Object> facts(Object... keysAndValues) {
    Map<String, Object> facts = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      facts.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return facts;
  }
}
