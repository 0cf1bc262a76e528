package org.namss.recert.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Drives renewals through a running cluster of {@link AppNode}s the way the outside world does: certificants and
 * their CE seeded with JDBC (the registration API is tested elsewhere; this is about what happens afterwards),
 * then the application submitted and the invoice paid by card through the project's HTTP API, and the review
 * completed through the engine REST API by a certification staff user. Requests are spread over the nodes.
 */
final class Renewals implements AutoCloseable {

  static final int YEAR = 2026;
  static final ZoneId ZONE = ZoneId.of("America/New_York");
  /** The day the nodes' clock shows at start: in the on-time window of {@link #YEAR} (R1a, R8). */
  static final LocalDateTime SEASON = LocalDateTime.of(YEAR, 11, 20, 10, 0);
  static final String STAFF = "rreviewer";
  static final String STAFF_PASSWORD = "staff-password-for-tests";
  private static final byte[] PDF = "%PDF-1.4\n% a certificate\n".getBytes(StandardCharsets.US_ASCII);
  /** How many renewals ended recertified. */
  static final String RECERTIFIED = "select count(*) from act_hi_procinst where end_act_id_ = 'EndEvent_Recertified'";

  private final TestDatabase database;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ExecutorService pool = Executors.newFixedThreadPool(6);
  private final ObjectMapper json = new ObjectMapper();
  private final List<String> numbers = new ArrayList<>();

  Renewals(TestDatabase database) {
    this.database = database;
  }

  /** The engine clock offset that puts the nodes on {@link #SEASON}. */
  static long clockOffset() {
    return SEASON.atZone(ZONE).toInstant().toEpochMilli() - System.currentTimeMillis();
  }

  List<String> numbers() {
    return numbers;
  }

  static String email(String number) {
    return number.toLowerCase() + "@example.org";
  }

  /** Creates the staff user who reviews (engine REST, as the administrator). */
  void createStaffUser(AppNode node) {
    String user = "{\"profile\":{\"id\":\"" + STAFF + "\",\"firstName\":\"Rita\",\"lastName\":\"Reviewer\","
        + "\"email\":\"rita@example.org\"},\"credentials\":{\"password\":\"" + STAFF_PASSWORD + "\"}}";
    expect(204, send(node, "POST", "/engine-rest/user/create", user, "admin", AppNode.ADMIN_PASSWORD));
    expect(204, send(node, "PUT", "/engine-rest/group/certificationStaff/members/" + STAFF, null, "admin",
        AppNode.ADMIN_PASSWORD));
  }

  /**
   * Seeds {@code count} CPCS certificants due in {@link #YEAR} (R3), each with 30 credits (16 approved) in the
   * window and their certificates (R5, R9, R10), in a few JDBC batches.
   */
  void seed(int count) throws SQLException {
    Instant now = SEASON.atZone(ZONE).toInstant();
    try (Connection c = database.connect()) {
      c.setAutoCommit(false);
      long base = 900_000;
      try (PreparedStatement certificant = c.prepareStatement("insert into certificant (id, certificant_number, "
              + "first_name, last_name, created_at, version) values (?, ?, ?, ?, ?, 0)");
          PreparedStatement email = c.prepareStatement("insert into certificant_email (id, certificant_id, email, "
              + "primary_address) values (?, ?, ?, true)");
          PreparedStatement certification = c.prepareStatement("insert into certification (id, certificant_id, "
              + "certification_type, initial_certification_date, renewal_year, status, status_changed_at, version) "
              + "values (?, ?, 'CPCS', ?, ?, 'ACTIVE', ?, 0)");
          PreparedStatement activity = c.prepareStatement("insert into ce_activity (id, certificant_id, title, "
              + "provider, earned_on, credits, association_approved, attendance, city, state, verification, "
              + "created_at) values (?, ?, ?, 'NAMSS', ?, ?, ?, 'IN_PERSON', 'Boston', 'MA', 'UNVERIFIED', ?)");
          PreparedStatement certificate = c.prepareStatement("insert into ce_certificate (id, ce_activity_id, "
              + "file_name, content_type, size_bytes, sha256, content, uploaded_at) "
              + "values (?, ?, 'certificate.pdf', 'application/pdf', ?, ?, ?, ?)")) {
        for (int i = 0; i < count; i++) {
          long id = base + i;
          String number = String.format("R%06d", i);
          numbers.add(number);
          certificant.setLong(1, id);
          certificant.setString(2, number);
          certificant.setString(3, "Pat");
          certificant.setString(4, "Renewer-" + i);
          certificant.setTimestamp(5, Timestamp.from(now));
          certificant.addBatch();
          email.setLong(1, id);
          email.setLong(2, id);
          email.setString(3, email(number));
          email.addBatch();
          certification.setLong(1, id);
          certification.setLong(2, id);
          certification.setDate(3, Date.valueOf(LocalDate.of(YEAR - 3, 3, 15)));
          certification.setInt(4, YEAR);
          certification.setTimestamp(5, Timestamp.from(now));
          certification.addBatch();
          for (int a = 0; a < 2; a++) {
            long activityId = id * 2 + a;
            activity.setLong(1, activityId);
            activity.setLong(2, id);
            activity.setString(3, a == 0 ? "Credentialing essentials" : "Medical staff law");
            activity.setDate(4, Date.valueOf(LocalDate.of(YEAR - 1, 3 + a * 3, 1)));
            activity.setBigDecimal(5, new BigDecimal(a == 0 ? "16" : "14"));
            activity.setBoolean(6, a == 0);
            activity.setTimestamp(7, Timestamp.from(now));
            activity.addBatch();
            certificate.setLong(1, activityId);
            certificate.setLong(2, activityId);
            certificate.setLong(3, PDF.length);
            certificate.setString(4, "0".repeat(64));
            certificate.setBytes(5, PDF);
            certificate.setTimestamp(6, Timestamp.from(now));
            certificate.addBatch();
          }
        }
        certificant.executeBatch();
        email.executeBatch();
        certification.executeBatch();
        activity.executeBatch();
        certificate.executeBatch();
      }
      c.commit();
    }
  }

  /** Submits every certificant's application (API), spread over the nodes in turn. */
  void submitAll(List<AppNode> nodes) {
    forEach(numbers, (number, i) -> expect(202, send(nodes.get(i % nodes.size()), "POST",
        "/api/certificants/" + number + "/applications", "{\"renewalYear\":" + YEAR + "}", STAFF, STAFF_PASSWORD)));
  }

  /** Pays each open recertification invoice by card (API), spread over the nodes. */
  void payAll(List<AppNode> nodes) throws SQLException {
    Map<String, Object[]> invoices = new TreeMap<>();
    query("select c.certificant_number, i.invoice_number, i.total from invoice i join certificant c "
        + "on c.id = i.certificant_id where i.status = 'OPEN'", rs -> {
          invoices.put(rs.getString(1), new Object[] {rs.getString(2), rs.getBigDecimal(3)});
          return null;
        });
    List<String> payers = new ArrayList<>(invoices.keySet());
    forEach(payers, (number, i) -> {
      Object[] invoice = invoices.get(number);
      return expect(201, send(nodes.get(i % nodes.size()), "POST", "/api/certificants/" + number + "/invoices/"
          + invoice[0] + "/card-payments", "{\"amount\":" + invoice[1] + ",\"cardReference\":\"ch_" + number + "\"}",
          STAFF, STAFF_PASSWORD));
    });
  }

  /** Approves every open review (engine REST, as the staff user), spread over the nodes. */
  void approveAll(List<AppNode> nodes) throws SQLException {
    List<String> tasks = new ArrayList<>();
    query("select id_ from act_ru_task where task_def_key_ = 'UserTask_ReviewApplication'", rs -> {
      tasks.add(rs.getString(1));
      return null;
    });
    forEach(tasks, (task, i) -> expect(204, send(nodes.get(i % nodes.size()), "POST",
        "/engine-rest/task/" + task + "/complete",
        "{\"variables\":{\"reviewOutcome\":{\"value\":\"APPROVE\",\"type\":\"String\"}}}", STAFF, STAFF_PASSWORD)));
  }

  /**
   * Waits until the query {@code sql} (one number) counts at least {@code expected}. A failing query (the database
   * changing hands between processes after a kill) is retried; if the wait runs out, the failure says what the last
   * poll saw: the count it reached or the error the query kept getting, and where the unfinished renewals wait.
   */
  void awaitCount(String what, String sql, long expected, Duration atMost) {
    AtomicReference<String> lastSeen = new AtomicReference<>("no poll completed");
    try {
      await(what).atMost(atMost).pollInterval(Duration.ofMillis(500)).until(() -> {
        try {
          long count = count(sql);
          lastSeen.set("count " + count + " of " + expected);
          return count >= expected;
        } catch (SQLException e) {
          lastSeen.set("the query failed: " + e);
          return false;
        }
      });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(e.getMessage() + "; last poll: " + lastSeen.get() + "; " + waitingRenewals(), e);
    }
  }

  /** Where the renewals that have not ended wait: activity, jobs and incidents, for a failure message. */
  private String waitingRenewals() {
    try {
      return "renewals running by activity: " + query("select act_id_, count(*) from act_ru_execution where "
          + "act_id_ is not null and proc_def_id_ like 'RecertificationProcess:%' group by act_id_",
          rs -> rs.getString(1) + "=" + rs.getLong(2))
          + ", jobs by (retries, locked, has exception): " + query("select retries_, lock_owner_ is not null, "
          + "exception_msg_ is not null, count(*) from act_ru_job where process_instance_id_ is not null "
          + "group by retries_, lock_owner_ is not null, exception_msg_ is not null",
          rs -> "(" + rs.getInt(1) + ", " + rs.getBoolean(2) + ", " + rs.getBoolean(3) + ")=" + rs.getLong(4))
          + ", incidents: " + count("select count(*) from act_ru_incident");
    } catch (SQLException e) {
      return "the renewals' state could not be read: " + e;
    }
  }

  long count(String sql) throws SQLException {
    try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  <T> List<T> query(String sql, ResultMapper<T> mapper) throws SQLException {
    List<T> rows = new ArrayList<>();
    try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        T row = mapper.map(rs);
        if (row != null) {
          rows.add(row);
        }
      }
    }
    return rows;
  }

  interface ResultMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  long recertified() throws SQLException {
    return count(RECERTIFIED);
  }

  // ---- outcome checks -------------------------------------------------------------------------------------

  /** R28, R8: exactly one recertification invoice per certificant, paid. */
  void assertOneInvoiceEach() throws SQLException {
    Map<String, Long> invoices = new HashMap<>();
    query("select c.certificant_number, count(i.id) from certificant c left join invoice i "
        + "on i.certificant_id = c.id group by c.certificant_number", rs -> {
          invoices.put(rs.getString(1), rs.getLong(2));
          return null;
        });
    assertThat(invoices).hasSize(numbers.size());
    assertThat(invoices.entrySet()).allSatisfy(e -> assertThat(e.getValue()).as(e.getKey()).isEqualTo(1L));
    assertThat(count("select count(*) from invoice where status = 'PAID'")).isEqualTo(numbers.size());
  }

  /** R19: exactly one badge POST reached Credly per certificant, and one issuance row each. */
  void assertOneBadgeEach(FakeCredly credly) throws SQLException {
    assertThat(credly.postsByEarner().keySet()).containsExactlyInAnyOrderElementsOf(numbers);
    assertThat(credly.postsByEarner().entrySet())
        .allSatisfy(e -> assertThat(e.getValue().get()).as("badge POSTs for " + e.getKey()).isEqualTo(1));
    assertThat(count("select count(*) from badge_issuance where status in ('ISSUED', 'ALREADY_ISSUED')"))
        .isEqualTo(numbers.size());
  }

  /**
   * Per recipient exactly the four messages of an approved on-time renewal paid by card: received, invoice,
   * payment, approval. A message delivered twice is tolerated only when both copies carry the same Message-ID
   * (the one duplicate SMTP cannot rule out: accepted by the server, then the node died before recording it),
   * and at most {@code inDoubtAllowed} such duplicates in all.
   *
   * @return the number of such duplicates
   */
  int assertMailsEach(GreenMail smtp, int inDoubtAllowed) throws SQLException, MessagingException {
    Map<String, String> invoiceOf = new HashMap<>();
    query("select c.certificant_number, i.invoice_number from invoice i join certificant c "
        + "on c.id = i.certificant_id", rs -> {
          invoiceOf.put(rs.getString(1), rs.getString(2));
          return null;
        });
    Map<String, List<String[]>> byRecipient = new HashMap<>();
    for (MimeMessage message : smtp.getReceivedMessages()) {
      String to = ((InternetAddress) message.getAllRecipients()[0]).getAddress().toLowerCase();
      byRecipient.computeIfAbsent(to, k -> new ArrayList<>())
          .add(new String[] {message.getSubject(), message.getMessageID()});
    }
    int duplicates = 0;
    for (String number : numbers) {
      String invoice = invoiceOf.get(number);
      List<String> expected = List.of(
          "We received your " + YEAR + " CPCS recertification application",
          "Your " + YEAR + " recertification invoice " + invoice,
          "Payment received for invoice " + invoice,
          "Your CPCS recertification is approved: certified through December 31, " + (YEAR + 3));
      List<String[]> received = byRecipient.getOrDefault(email(number), List.of());
      Map<String, String> idBySubject = new LinkedHashMap<>();
      for (String[] mail : received) {
        String previous = idBySubject.putIfAbsent(mail[0], mail[1]);
        if (previous != null) {
          assertThat(mail[1]).as("a second '%s' to %s is a different message", mail[0], number).isEqualTo(previous);
          duplicates++;
        }
      }
      assertThat(idBySubject.keySet()).as("subjects to %s", number).containsExactlyInAnyOrderElementsOf(expected);
    }
    assertThat(duplicates).as("messages delivered twice (same Message-ID)").isLessThanOrEqualTo(inDoubtAllowed);
    assertThat(count("select count(*) from mail_message where status = 'SENT'")).isEqualTo(numbers.size() * 4L);
    return duplicates;
  }

  /** Successful jobs per node (Camunda host name) from the job log. */
  Map<String, Long> successfulJobsPerNode() throws SQLException {
    Map<String, Long> perNode = new TreeMap<>();
    query("select hostname_, count(*) from act_hi_job_log where job_state_ = 2 group by hostname_", rs -> {
      perNode.put(rs.getString(1), rs.getLong(2));
      return null;
    });
    return perNode;
  }

  // ---- HTTP -------------------------------------------------------------------------------------------------

  HttpResponse<String> send(AppNode node, String method, String path, String body, String user, String password) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.baseUrl() + path))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
        .header("Accept", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " on " + node.name() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  JsonNode sendJson(AppNode node, String method, String path, String body) {
    HttpResponse<String> response = send(node, method, path, body, "admin", AppNode.ADMIN_PASSWORD);
    assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isLessThan(300);
    try {
      return response.body().isBlank() ? json.nullNode() : json.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static HttpResponse<String> expect(int status, HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.request().method() + " " + response.request().uri() + ": "
        + response.body()).isEqualTo(status);
    return response;
  }

  interface Call<T> {
    Object apply(T item, int index);
  }

  private <T> void forEach(List<T> items, Call<T> call) {
    List<Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      T item = items.get(i);
      int index = i;
      futures.add(pool.submit(() -> call.apply(item, index)));
    }
    for (Future<?> future : futures) {
      try {
        future.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } catch (java.util.concurrent.ExecutionException e) {
        if (e.getCause() instanceof AssertionError error) {
          throw error;
        }
        throw new IllegalStateException(e.getCause());
      }
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
