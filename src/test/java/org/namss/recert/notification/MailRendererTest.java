package org.namss.recert.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MailRendererTest {

  private final MailRenderer renderer = new MailRenderer(ZoneId.of("America/New_York"));

  private static Map<String, Object> withCommon(Map<String, Object> facts, String name) {
    Map<String, Object> all = new LinkedHashMap<>(facts);
    all.put("recipientName", name);
    all.put("team", "The Certification Team");
    return all;
  }

  static String flat(String text) {
    return text.replaceAll("\\s+", " ");
  }

  @ParameterizedTest
  @EnumSource(MailTemplate.class)
  void everyTemplateRendersItsFactsAsTextAndHtml(MailTemplate template) {
    MailFacts.Case c = MailFacts.of(template);

    RenderedMail mail = renderer.render(template, withCommon(c.facts(), "Ana Díaz"));

    assertThat(mail.subject()).isEqualTo(c.subject());
    assertThat(flat(mail.textBody())).startsWith("Dear Ana Díaz,").contains("The Certification Team");
    assertThat(flat(mail.htmlBody())).contains("<p>Dear Ana Díaz,</p>").contains("<title>");
    for (String expected : c.expected()) {
      assertThat(flat(mail.textBody())).as("text body of %s", template).contains(expected);
      assertThat(flat(mail.htmlBody())).as("HTML body of %s", template).contains(expected);
    }
    assertThat(mail.textBody()).doesNotContain("<p>", "{{", "}}");
    assertThat(mail.htmlBody()).doesNotContain("{{", "}}");
  }

  @ParameterizedTest
  @EnumSource(MailTemplate.class)
  void theRequiredFactsAreEnough(MailTemplate template) {
    Map<String, Object> only = new HashMap<>();
    for (String fact : template.requiredFacts()) {
      only.put(fact, MailFacts.of(template).facts().get(fact));
    }
    assertThat(renderer.render(template, withCommon(only, "Ana")).subject()).isNotBlank();
  }

  @Test
  void everyFactIsEscapedInHtmlButReadableInText() {
    Map<String, Object> facts = Map.of("renewalYear", 2026,
        "message", "Use <b>bold</b> & " + MailFacts.SCRIPT + "\nthen resubmit");

    RenderedMail mail = renderer.render(MailTemplate.CHANGES_REQUESTED,
        withCommon(facts, "Eve <script>steal()</script> O'Brien"));

    assertThat(mail.htmlBody())
        .doesNotContain("<script>", "<b>bold</b>")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", "&lt;b&gt;bold&lt;/b&gt; &amp;",
            "Dear Eve &lt;script&gt;steal()&lt;/script&gt; O&#39;Brien,");
    assertThat(mail.textBody()).contains(MailFacts.SCRIPT, "Dear Eve <script>steal()</script> O'Brien,",
        "\nthen resubmit");
  }

  @Test
  void listsAreEscapedItemByItem() {
    RenderedMail mail = renderer.render(MailTemplate.SOMETHING_MISSING,
        withCommon(Map.of("renewalYear", 2026, "missing", List.of(MailFacts.SCRIPT, "Certificate A")), "Ana"));

    assertThat(mail.htmlBody()).contains("<li>&lt;script&gt;", "<li>Certificate A</li>").doesNotContain("<script>");
    assertThat(mail.textBody()).contains("- " + MailFacts.SCRIPT + "\n", "- Certificate A\n");
  }

  @Test
  void theSubjectIsOneLineWhateverTheFacts() {
    RenderedMail mail = renderer.render(MailTemplate.INVOICE_PLACED, withCommon(Map.of("renewalYear", 2026,
        "invoiceNumber", "INV-1\r\nBcc: victim@example.org", "lines", List.of(), "total", BigDecimal.ZERO), "Ana"));

    assertThat(mail.subject()).isEqualTo("Your 2026 recertification invoice INV-1 Bcc: victim@example.org")
        .doesNotContain("\r", "\n");
  }

  @Test
  void optionalFactsChangeTheText() {
    Map<String, Object> facts = new HashMap<>(MailFacts.of(MailTemplate.INVOICE_PLACED).facts());
    facts.put("purpose", "extension");
    facts.remove("dueDate");

    RenderedMail mail = renderer.render(MailTemplate.INVOICE_PLACED, withCommon(facts, "Ana"));

    assertThat(mail.subject()).isEqualTo("Your 2026 extension invoice INV-2026-000123");
    assertThat(mail.textBody()).doesNotContain("Please pay by");
  }

  @Test
  void datesAndAmountsAreFormattedForReaders() {
    Map<String, Object> facts = Map.of("renewalYear", 2026, "newDeadline",
        OffsetDateTime.parse("2027-06-01T21:00:00Z"));

    RenderedMail mail = renderer.render(MailTemplate.EXTENSION_GRANTED, withCommon(facts, "Ana"));

    assertThat(mail.subject()).isEqualTo("Your 2026 extension is granted: new deadline June 1, 2027 at 5:00 PM EDT");
    assertThat(renderer.render(MailTemplate.LATE_FEE_NOTICE, withCommon(Map.of("certification", "CPCS",
        "renewalYear", 2026, "lateFee", 50, "lateDeadline", LocalDate.of(2026, 12, 31)), "Ana")).subject())
        .isEqualTo("A $50 late fee now applies to your 2026 CPCS recertification");
  }

  @Test
  void aMissingFactIsRefusedByName() {
    assertThat(MailRenderer.missingFacts(MailTemplate.INVOICE_PLACED, Map.of("renewalYear", 2026)))
        .containsExactly("invoiceNumber", "lines", "total");
    assertThatThrownBy(() -> renderer.render(MailTemplate.REJECTED, withCommon(Map.of("renewalYear", 2026), "Ana")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reason");
  }
}
