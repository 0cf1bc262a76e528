package org.namss.recert.ops;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.namss.recert.security.Groups;
import org.namss.recert.support.ApplicationTest;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The whole application with metrics export on (Spring Boot switches it off in tests by default), an operations
 * user and a staff user of its own, and an HTTP client for the actuator. The classes extending it share one
 * Spring context.
 */
@AutoConfigureObservability(tracing = false)
abstract class OpsApiTest extends ApplicationTest {

  @LocalServerPort int port;
  final HttpClient http = HttpClient.newHttpClient();
  final String password = "pw-" + UUID.randomUUID();
  String operations;
  String staff;

  @BeforeEach
  void opsUsers() {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    operations = user("ops" + suffix, Groups.OPERATIONS);
    staff = user("staff" + suffix, Groups.STAFF);
  }

  @AfterEach
  void removeOpsUsers() {
    engine.getIdentityService().deleteUser(operations);
    engine.getIdentityService().deleteUser(staff);
  }

  HttpResponse<String> get(String path, String userId) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
    if (userId != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder()
          .encodeToString((userId + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String user(String id, String group) {
    User user = engine.getIdentityService().newUser(id);
    user.setFirstName(id);
    user.setLastName("Test");
    user.setEmail(id + "@example.org");
    user.setPassword(password);
    engine.getIdentityService().saveUser(user);
    engine.getIdentityService().createMembership(id, group);
    return id;
  }
}
