package org.namss.recert.notification;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.namss.recert.config.RecertProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Renders a {@link MailTemplate} with its facts into a subject, a plain-text body and an HTML body (JMustache).
 * In the HTML body every fact is HTML-escaped ({@code {{fact}}}); the plain-text body and the subject are not
 * escaped, and the subject is reduced to one line. All templates are compiled at start-up, so a missing or
 * broken template stops the application rather than a process.
 */
@Component
public class MailRenderer {

  static final String LOCATION = "templates/mail/";
  private static final String SUBJECT_PREFIX = "Subject:";
  private static final Locale LOCALE = Locale.US;
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", LOCALE);
  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("MMMM d, yyyy 'at' h:mm a", LOCALE);
  private static final DateTimeFormatter DATE_TIME_ZONE =
      DateTimeFormatter.ofPattern("MMMM d, yyyy 'at' h:mm a z", LOCALE);

  private record Compiled(Template subject, Template text, Template html) {}

  private final ZoneId zone;
  private final Map<MailTemplate, Compiled> templates = new EnumMap<>(MailTemplate.class);
  private final Template textLayout;
  private final Template htmlLayout;

  @Autowired
  public MailRenderer(RecertProperties properties) {
    this(properties.zone());
  }

  /** @param zone the association's time zone: instants and date-times are shown there */
  MailRenderer(ZoneId zone) {
    this.zone = zone;
    Mustache.Formatter formatter = this::format;
    Mustache.Compiler text = Mustache.compiler().escapeHTML(false).withFormatter(formatter);
    Mustache.Compiler html = Mustache.compiler().escapeHTML(true).withFormatter(formatter);
    for (MailTemplate template : MailTemplate.values()) {
      String source = read(template.resourceName() + ".txt");
      int lineEnd = source.indexOf('\n');
      String firstLine = (lineEnd < 0 ? source : source.substring(0, lineEnd)).strip();
      if (!firstLine.startsWith(SUBJECT_PREFIX)) {
        throw new IllegalStateException("Mail template " + template.resourceName()
            + ".txt must start with a '" + SUBJECT_PREFIX + "' line");
      }
      String body = lineEnd < 0 ? "" : source.substring(lineEnd + 1).stripLeading();
      templates.put(template, new Compiled(text.compile(firstLine.substring(SUBJECT_PREFIX.length()).strip()),
          text.compile(body), html.compile(read(template.resourceName() + ".html"))));
    }
    this.textLayout = text.compile(read("_layout.txt"));
    this.htmlLayout = html.compile(read("_layout.html"));
  }

  /**
   * Renders one message.
   *
   * @param facts the template's facts; {@code recipientName} and {@code team} are expected among them
   * @throws IllegalArgumentException when a fact the template uses is missing
   */
  public RenderedMail render(MailTemplate template, Map<String, Object> facts) {
    Compiled compiled = templates.get(template);
    try {
      String subject = oneLine(compiled.subject().execute(facts));
      Map<String, Object> layoutFacts = new LinkedHashMap<>(facts);
      layoutFacts.put("subject", subject);
      layoutFacts.put("content", compiled.text().execute(facts).strip());
      String textBody = textLayout.execute(layoutFacts);
      layoutFacts.put("content", compiled.html().execute(facts).strip());
      String htmlBody = htmlLayout.execute(layoutFacts);
      return new RenderedMail(subject, textBody, htmlBody);
    } catch (MustacheException e) {
      throw new IllegalArgumentException("Mail template " + template + " cannot be rendered: " + e.getMessage(), e);
    }
  }

  /** The required facts of {@code template} that are absent or null in {@code facts}. */
  static List<String> missingFacts(MailTemplate template, Map<String, Object> facts) {
    List<String> missing = new ArrayList<>();
    for (String fact : template.requiredFacts()) {
      if (facts == null || facts.get(fact) == null) {
        missing.add(fact);
      }
    }
    return missing;
  }

  private CharSequence format(Object value) {
    if (value instanceof LocalDate date) {
      return DATE.format(date);
    }
    if (value instanceof LocalDateTime dateTime) {
      return DATE_TIME.format(dateTime);
    }
    if (value instanceof Instant instant) {
      return DATE_TIME_ZONE.format(instant.atZone(zone));
    }
    if (value instanceof OffsetDateTime dateTime) {
      return DATE_TIME_ZONE.format(dateTime.atZoneSameInstant(zone));
    }
    if (value instanceof ZonedDateTime dateTime) {
      return DATE_TIME_ZONE.format(dateTime);
    }
    if (value instanceof TemporalAccessor temporal) {
      return temporal.toString();
    }
    if (value instanceof BigDecimal amount) {
      return decimal(amount);
    }
    if (value instanceof Double || value instanceof Float) {
      return decimal(BigDecimal.valueOf(((Number) value).doubleValue()).stripTrailingZeros());
    }
    if (value instanceof Enum<?> constant) {
      return constant.name();
    }
    return String.valueOf(value);
  }

  /** Grouped, keeping the value's own decimals: 1250.00 -> "1,250.00", 22.5 -> "22.5", 50 -> "50". */
  private static String decimal(BigDecimal value) {
    NumberFormat format = NumberFormat.getNumberInstance(LOCALE);
    int scale = Math.max(0, value.scale());
    format.setMinimumFractionDigits(scale);
    format.setMaximumFractionDigits(scale);
    return format.format(value);
  }

  /** A subject is one header line: no line breaks or control characters, at most 300 characters. */
  static String oneLine(String subject) {
    String line = subject.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").replaceAll(" {2,}", " ").strip();
    return line.length() <= 300 ? line : line.substring(0, 299) + "\u2026";
  }

  private static String read(String name) {
    ClassPathResource resource = new ClassPathResource(LOCATION + name);
    try (InputStream in = resource.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
    } catch (IOException e) {
      throw new IllegalStateException("Mail template " + LOCATION + name + " is missing", e);
    }
  }
}
