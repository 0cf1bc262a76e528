package org.namss.recert.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.namss.recert.support.ApplicationTest;
import org.namss.recert.support.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the API tests share: real HTTP calls to the running server (java.net.http, so every header, body and
 * content type is exactly what the test says), users of each group, and a snapshot of every domain table's row
 * count plus the number of process instances, to prove a refused request stored nothing.
 */
public abstract class ApiTestSupport extends ApplicationTest {

  /** Every table a request could write to. */
  public static final List<String> TABLES = List.of("certificant", "certificant_email", "certification",
      "ce_activity", "ce_certificate", "recert_application", "invoice", "invoice_line", "payment", "renewal_case",
      "mail_message", "badge_issuance");

  protected static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
  private static final AtomicInteger USERS = new AtomicInteger();

  @LocalServerPort
  protected int port;
  @Autowired
  protected JdbcTemplate jdbc;
  @Autowired
  protected Fixtures fixtures;
  @Autowired
  protected IdentityService identityService;

  /** A caller: user id and password, or none. */
  public record Caller(String userId, String password) {
    public static final Caller ANONYMOUS = new Caller(null, null);
  }

  public record Response(int status, String body, java.net.http.HttpHeaders headers) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("Not JSON (" + status + "): " + body, e);
      }
    }

    public String contentType() {
      return headers.firstValue("Content-Type").orElse("");
    }

    public String detail() {
      return json().path("detail").asText("");
    }

    @Override
    public String toString() {
      return status + " " + (body.length() > 500 ? body.substring(0, 500) + "..." : body);
    }
  }

  protected Caller admin() {
    return new Caller("admin", ADMIN_PASSWORD);
  }

  /** A new user in the group (alphanumeric id, as Camunda requires), with an e-mail address or none. */
  protected Caller newUser(String group, String email) {
    String id = group.replaceAll("[^A-Za-z0-9]", "") + USERS.incrementAndGet()
        + UUID.randomUUID().toString().substring(0, 6).replace("-", "");
    String password = "pw-" + UUID.randomUUID();
    User user = identityService.newUser(id);
    user.setFirstName("Test");
    user.setLastName(group);
    user.setEmail(email);
    user.setPassword(password);
    identityService.saveUser(user);
    identityService.createMembership(id, group);
    return new Caller(id, password);
  }

  protected Response send(String method, String path, Caller caller, String contentType, byte[] body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(60))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (caller != null && caller.userId() != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
          (caller.userId() + ":" + caller.password()).getBytes(StandardCharsets.UTF_8)));
    }
    try {
      HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body(), response.headers());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  protected Response get(String path, Caller caller) {
    return send("GET", path, caller, null, null);
  }

  protected Response postJson(String path, Caller caller, String json) {
    return send("POST", path, caller, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  protected Response postJson(String path, Caller caller, Object body) {
    return postJson(path, caller, toJson(body));
  }

  protected Response postMultipart(String path, Caller caller, Multipart multipart) {
    return send("POST", path, caller, multipart.contentType(), multipart.bytes());
  }

  protected static String toJson(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Row count of every domain table and the number of process instances (running and finished). */
  protected Map<String, Long> snapshot() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : TABLES) {
      counts.put(table, jdbc.queryForObject("select count(*) from " + table, Long.class));
    }
    counts.put("process instances (runtime)", engine.getRuntimeService().createProcessInstanceQuery().count());
    counts.put("process instances (history)",
        engine.getHistoryService().createHistoricProcessInstanceQuery().count());
    return counts;
  }

  /** A refusal: a 4xx status, a problem JSON body whose {@code detail} says what is wrong. */
  protected static void assertProblem(Response response, int status, String... detailContains) {
    assertThat(response.status()).as("status of %s", response).isEqualTo(status);
    assertThat(response.contentType()).as("content type of %s", response).contains("json");
    assertThat(response.json().path("status").asInt()).as("status in body of %s", response).isEqualTo(status);
    assertThat(response.detail()).as("detail of %s", response).isNotBlank();
    for (String fragment : detailContains) {
      assertThat(response.detail()).as("detail of %s", response).containsIgnoringCase(fragment);
    }
  }

  /** A JSON activity as the API takes it. */
  protected static Map<String, Object> activity(String earnedOn, Object credits, boolean approved) {
    Map<String, Object> activity = new LinkedHashMap<>();
    activity.put("title", "Credentialing essentials");
    activity.put("provider", "NAMSS");
    activity.put("earnedOn", earnedOn);
    activity.put("credits", credits);
    activity.put("associationApproved", approved);
    activity.put("attendance", "VIRTUAL");
    activity.put("city", "Denver");
    activity.put("state", "CO");
    return activity;
  }

  protected static Multipart ceUpload(Object activity, String fileName, String fileType, byte[] file) {
    Multipart multipart = new Multipart().part("activity", null, "application/json",
        (activity instanceof String s ? s : toJson(activity)).getBytes(StandardCharsets.UTF_8));
    return file == null ? multipart : multipart.part("certificate", fileName, fileType, file);
  }

  /** multipart/form-data, built by hand so that hostile names and types go out exactly as given. */
  public static final class Multipart {
    private final String boundary = "----recert" + UUID.randomUUID().toString().replace("-", "");
    private final List<byte[]> chunks = new ArrayList<>();

    public Multipart part(String name, String fileName, String contentType, byte[] content) {
      StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n")
          .append("Content-Disposition: form-data; name=\"").append(name).append('"');
      if (fileName != null) {
        head.append("; filename=\"").append(fileName).append('"');
      }
      head.append("\r\n");
      if (contentType != null) {
        head.append("Content-Type: ").append(contentType).append("\r\n");
      }
      head.append("\r\n");
      chunks.add(head.toString().getBytes(StandardCharsets.UTF_8));
      chunks.add(content);
      chunks.add("\r\n".getBytes(StandardCharsets.UTF_8));
      return this;
    }

    public String contentType() {
      return "multipart/form-data; boundary=" + boundary;
    }

    public byte[] bytes() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      chunks.forEach(out::writeBytes);
      out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
      return out.toByteArray();
    }
  }

  /** Magic bytes of the files certificants send. */
  public static final class Files {
    public static final byte[] PDF = Fixtures.PDF;
    public static final byte[] PNG = concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A},
        "a badge-like image".getBytes(StandardCharsets.US_ASCII));
    public static final byte[] JPEG = concat(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0},
        "JFIF certificate".getBytes(StandardCharsets.US_ASCII));
    /** An .xlsx is a ZIP archive: "PK\3\4". */
    public static final byte[] XLSX = concat(new byte[] {'P', 'K', 3, 4},
        "[Content_Types].xml xl/worksheets/sheet1.xml".getBytes(StandardCharsets.US_ASCII));
    public static final byte[] TEXT = "Activity, credits\nCourse A, 10\n".getBytes(StandardCharsets.US_ASCII);

    private Files() {}

    public static byte[] concat(byte[] a, byte[] b) {
      byte[] all = new byte[a.length + b.length];
      System.arraycopy(a, 0, all, 0, a.length);
      System.arraycopy(b, 0, all, a.length, b.length);
      return all;
    }

    /** A PDF of exactly {@code size} bytes. */
    public static byte[] pdfOfSize(int size) {
      byte[] file = new byte[size];
      java.util.Arrays.fill(file, (byte) ' ');
      System.arraycopy(PDF, 0, file, 0, PDF.length);
      return file;
    }
  }
}
