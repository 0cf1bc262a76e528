package org.namss.recert.badge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Credly's web service API (v1): issue, find and revoke an organization's badges. HTTP Basic with the
 * organization's authorization token as the user name and an empty password. The token is never logged and never
 * part of an exception message.
 */
class CredlyClient {

  /** Credly's documented date-time format, e.g. {@code 2026-12-14 09:00:00 -0500}. */
  static final DateTimeFormatter CREDLY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z", Locale.ROOT);
  private static final Pattern EMAIL = Pattern.compile("[^\\s<>\"',;:()\\[\\]]+@[^\\s<>\"',;:()\\[\\]]+");
  private static final Pattern DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}");
  private static final String BADGES = "/organizations/{organization}/badges";

  /** The answer to an issue request: the new badge's id, or Credly's word that it already has this badge. */
  record Issued(String badgeId, boolean duplicate) {}

  /** A badge Credly has: its id, state (pending, accepted, rejected, revoked, ...) and expiry date if any. */
  record Existing(String badgeId, String state, LocalDate expiresOn) {

    boolean revoked() {
      return "revoked".equalsIgnoreCase(state);
    }
  }

  private record Answer(int status, String body) {

    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  private final String organizationId;
  private final RestClient rest;
  private final ObjectMapper json = new ObjectMapper();

  CredlyClient(CredlyProperties properties) {
    this.organizationId = properties.organizationId() == null ? null : properties.organizationId().strip();
    this.rest = properties.enabled() ? build(properties) : null;
  }

  private static RestClient build(CredlyProperties properties) {
    HttpClient http = HttpClient.newBuilder()
        .connectTimeout(properties.connectTimeout())
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
    factory.setReadTimeout(properties.readTimeout());
    String base = properties.baseUrl().strip().replaceAll("/+$", "");
    String token = properties.authToken().strip();
    return RestClient.builder()
        .requestFactory(factory)
        .baseUrl(base + "/v1")
        .defaultHeaders(headers -> {
          headers.setBasicAuth(token, "", StandardCharsets.UTF_8);
          headers.setAccept(List.of(MediaType.APPLICATION_JSON));
        })
        .build();
  }

  /** {@code POST /v1/organizations/{id}/badges}. */
  Issued issue(String templateId, BadgeRequest request) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("recipient_email", request.recipientEmail());
    body.put("issued_to_first_name", request.firstName());
    body.put("issued_to_last_name", request.lastName());
    body.put("badge_template_id", templateId);
    body.put("issued_at", format(request.issuedAt()));
    body.put("issuer_earner_id", request.certificantNumber());
    if (request.expiresAt() != null) {
      body.put("expires_at", format(request.expiresAt()));
    }
    Answer answer = call(HttpMethod.POST, BADGES, body, organizationId);
    if (answer.ok()) {
      return new Issued(text(answer.body(), "id"), false);
    }
    if (alreadyDone(answer)) {
      return new Issued(null, true);
    }
    throw failure("issue a badge", answer);
  }

  /** {@code GET /v1/organizations/{id}/badges?filter=recipient_email::...|badge_template_id::...}. */
  List<Existing> find(String templateId, String recipientEmail) {
    String filter = "recipient_email::" + recipientEmail + "|badge_template_id::" + templateId;
    Answer answer = call(HttpMethod.GET, BADGES + "?filter={filter}", null, organizationId, filter);
    if (!answer.ok()) {
      throw failure("find a badge", answer);
    }
    List<Existing> found = new ArrayList<>();
    for (JsonNode badge : tree(answer.body()).path("data")) {
      String id = badge.path("id").asText(null);
      if (id != null) {
        found.add(new Existing(id, badge.path("state").asText(null), date(badge.path("expires_at").asText(null))));
      }
    }
    return found;
  }

  /** {@code PUT /v1/organizations/{id}/badges/{badge}/revoke}; a badge already revoked counts as done. */
  void revoke(String badgeId, String reason) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("reason", reason);
    body.put("suppress_revoke_notification_email", false);
    Answer answer = call(HttpMethod.PUT, BADGES + "/{badge}/revoke", body, organizationId, badgeId);
    if (!answer.ok() && !alreadyDone(answer)) {
      throw failure("revoke a badge", answer);
    }
  }

  private Answer call(HttpMethod method, String path, Object body, Object... variables) {
    try {
      RestClient.RequestBodySpec spec = rest.method(method).uri(path, variables);
      if (body != null) {
        spec.contentType(MediaType.APPLICATION_JSON).body(body);
      }
      return spec.exchange((request, response) -> new Answer(response.getStatusCode().value(), read(response.getBody())));
    } catch (ResourceAccessException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new CredlyUnavailableException(0, "Credly could not be reached: " + cause.getClass().getSimpleName());
    }
  }

  /** Credly refuses a duplicate (or a second revocation) with 422 (or 409) and a message saying "already". */
  private boolean alreadyDone(Answer answer) {
    if (answer.status() != 422 && answer.status() != 409) {
      return false;
    }
    String text = (message(answer.body()) + " " + answer.body()).toLowerCase(Locale.ROOT);
    return text.contains("already") || text.contains("duplicate");
  }

  private CredlyException failure(String what, Answer answer) {
    String message = "Credly answered " + answer.status() + " when asked to " + what + ": "
        + withoutAddresses(message(answer.body()));
    if (answer.status() == 429 || answer.status() == 408 || answer.status() >= 500) {
      return new CredlyUnavailableException(answer.status(), message);
    }
    return new CredlyException(answer.status(), message);
  }

  /** Credly's error text: {@code data.message} and each {@code data.errors[].messages}, else the raw body. */
  private String message(String body) {
    JsonNode data = tree(body).path("data");
    List<String> parts = new ArrayList<>();
    if (data.path("message").isTextual()) {
      parts.add(data.path("message").asText());
    }
    for (JsonNode error : data.path("errors")) {
      String attribute = error.path("attribute").asText("");
      List<String> texts = new ArrayList<>();
      error.path("messages").forEach(m -> texts.add(m.asText()));
      if (error.path("message").isTextual()) {
        texts.add(error.path("message").asText());
      }
      parts.add((attribute.isEmpty() ? "" : attribute + ": ") + String.join(", ", texts));
    }
    if (parts.isEmpty()) {
      String raw = body == null ? "" : body.strip();
      return raw.length() <= 300 ? raw : raw.substring(0, 300) + "...";
    }
    return String.join("; ", parts);
  }

  private JsonNode tree(String body) {
    try {
      return body == null || body.isBlank() ? json.missingNode() : json.readTree(body);
    } catch (IOException e) {
      return json.missingNode();
    }
  }

  private String text(String body, String field) {
    JsonNode value = tree(body).path("data").path(field);
    return value.isMissingNode() || value.isNull() ? null : value.asText();
  }

  private static String read(InputStream in) throws IOException {
    return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  private static String format(OffsetDateTime time) {
    return CREDLY_TIME.format(time);
  }

  private static LocalDate date(String text) {
    return text != null && DATE.matcher(text).find() ? LocalDate.parse(text.substring(0, 10)) : null;
  }

  static String withoutAddresses(String text) {
    return text == null ? "" : EMAIL.matcher(text).replaceAll("<address>");
  }
}
