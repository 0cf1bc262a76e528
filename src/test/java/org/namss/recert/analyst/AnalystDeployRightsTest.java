package org.namss.recert.analyst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.namss.recert.config.ModelDeployer;
import org.namss.recert.security.Groups;
import org.namss.recert.security.IdentitySetup;
import org.namss.recert.support.ApplicationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * README "Groups and rights": business analysts deploy and read decisions, nothing else; and (R5, R28) a table
 * that parses but answers the product's questions wrongly is refused at deploy, naming the question, with nothing
 * deployed. Deploys as Camunda Modeler does (engine REST, the analyst's own account) and in-process.
 */
class AnalystDeployRightsTest extends ApplicationTest {

  static final String FEE_SCHEDULE = "decisions/feeSchedule.dmn";
  static final String PROCESS_KEY = "AnalystRightsProcess";

  @LocalServerPort int port;
  @Autowired RepositoryService repository;

  final HttpClient http = HttpClient.newHttpClient();
  final String password = "pw-" + UUID.randomUUID();
  String analyst;

  @BeforeEach
  void analyst() {
    analyst = "analyst" + UUID.randomUUID().toString().substring(0, 8);
    User user = engine.getIdentityService().newUser(analyst);
    user.setFirstName(analyst);
    user.setLastName("Test");
    user.setEmail(analyst + "@example.org");
    user.setPassword(password);
    engine.getIdentityService().saveUser(user);
    engine.getIdentityService().createMembership(analyst, Groups.ANALYSTS);
  }

  @AfterEach
  void cleanUp() {
    engine.getIdentityService().clearAuthentication();
    ClockUtil.reset();
    for (Deployment deployment : repository.createDeploymentQuery().list()) {
      boolean ours = !repository.createProcessDefinitionQuery().deploymentId(deployment.getId())
          .processDefinitionKey(PROCESS_KEY).list().isEmpty()
          || !repository.createDecisionDefinitionQuery().deploymentId(deployment.getId())
          .decisionDefinitionKeyLike("analystRights%").list().isEmpty();
      if (ours) {
        repository.deleteDeployment(deployment.getId(), true);
      }
    }
    engine.getIdentityService().deleteUser(analyst);
  }

  @Test
  @DisplayName("README: an analyst's deployment of a BPMN process is refused (403) with the reason; nothing deployed")
  void analystMayNotDeployAProcess() throws Exception {
    HttpResponse<String> response = deploy(analyst, password, Map.of("processes/" + PROCESS_KEY + ".bpmn", bpmn()));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
    assertThat(response.body()).contains("may deploy decision tables (.dmn files) only")
        .contains("processes/" + PROCESS_KEY + ".bpmn").contains("nothing was deployed");
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(PROCESS_KEY).count()).isZero();
  }

  @Test
  @DisplayName("README: a decision table deployed with a BPMN file by an analyst is not deployed either")
  void decisionWithAProcessIsRefusedWhole() throws Exception {
    Map<String, byte[]> resources = new LinkedHashMap<>();
    resources.put("decisions/analystRightsA.dmn", dmn("analystRightsA"));
    resources.put("processes/" + PROCESS_KEY + ".bpmn", bpmn());
    HttpResponse<String> response = deploy(analyst, password, resources);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
    assertThat(repository.createDecisionDefinitionQuery().decisionDefinitionKey("analystRightsA").count()).isZero();
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(PROCESS_KEY).count()).isZero();
  }

  @Test
  @DisplayName("README: an analyst still deploys a decision table (200)")
  void analystDeploysADecision() throws Exception {
    HttpResponse<String> response = deploy(analyst, password, Map.of("decisions/analystRightsB.dmn",
        dmn("analystRightsB")));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(repository.createDecisionDefinitionQuery().decisionDefinitionKey("analystRightsB").count()).isOne();
  }

  @Test
  @DisplayName("README: an administrator (camunda-admin) may deploy a process through the engine REST API")
  void administratorDeploysAProcess() throws Exception {
    HttpResponse<String> response = deploy("admin", ADMIN_PASSWORD,
        Map.of("processes/" + PROCESS_KEY + ".bpmn", bpmn()));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(PROCESS_KEY).count()).isOne();
  }

  @Test
  @DisplayName("The application's own deployments (no authenticated user, as ModelDeployer) and an administrator's"
      + " in-process ones are not concerned; an analyst's in-process BPMN deployment is refused")
  void inProcessDeployments() {
    assertThatCode(() -> repository.createDeployment().name("analyst-rights-test")
        .addModelInstance(PROCESS_KEY + ".bpmn", process()).deploy()).doesNotThrowAnyException();

    engine.getIdentityService().setAuthentication(analyst, List.of(Groups.ANALYSTS));
    Throwable refused = catchThrowable(() -> repository.createDeployment().name("analyst-rights-test")
        .addModelInstance(PROCESS_KEY + ".bpmn", process()).deploy());
    assertThat(refused).isInstanceOf(AuthorizationException.class)
        .hasMessageContaining("User '" + analyst + "' may deploy decision tables (.dmn files) only");

    engine.getIdentityService().setAuthentication("admin", List.of(IdentitySetup.ADMIN_GROUP));
    assertThatCode(() -> repository.createDeployment().name("analyst-rights-test")
        .addModelInstance(PROCESS_KEY + ".bpmn", process()).deploy()).doesNotThrowAnyException();
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(PROCESS_KEY).count()).isEqualTo(2);
  }

  @Test
  @DisplayName("R28: an analyst's feeSchedule without a CPMSM recertification fee is refused (400) naming the"
      + " question; the previous version keeps serving")
  void feeScheduleThatAnswersWronglyIsRefused() throws Exception {
    int version = repository.createDecisionDefinitionQuery().decisionDefinitionKey("feeSchedule").latestVersion()
        .singleResult().getVersion();
    String shipped = Files.readString(Path.of(FEE_SCHEDULE), StandardCharsets.UTF_8);
    String typo = shipped.replace(
        "<inputEntry id=\"InputEntry_RecertificationFee_CPMSM_type\"><text>\"CPMSM\"</text></inputEntry>",
        "<inputEntry id=\"InputEntry_RecertificationFee_CPMSM_type\"><text>\"CPMS\"</text></inputEntry>");
    assertThat(typo).isNotEqualTo(shipped);

    HttpResponse<String> response = deploy(analyst, password,
        Map.of(FEE_SCHEDULE, typo.getBytes(StandardCharsets.UTF_8)));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.body()).contains("Decision table check refused '" + FEE_SCHEDULE + "'")
        .contains("question (purpose RECERTIFICATION, timing LATE, certification CPMSM): no RECERTIFICATION_FEE line");
    assertThat(repository.createDecisionDefinitionQuery().decisionDefinitionKey("feeSchedule").latestVersion()
        .singleResult().getVersion()).isEqualTo(version);
  }

  // ---- helpers ----

  private static org.camunda.bpm.model.bpmn.BpmnModelInstance process() {
    return Bpmn.createExecutableProcess(PROCESS_KEY).camundaHistoryTimeToLive(1).startEvent().endEvent().done();
  }

  private static byte[] bpmn() {
    var out = new ByteArrayOutputStream();
    Bpmn.writeModelToStream(out, process());
    return out.toByteArray();
  }

  private static byte[] dmn(String key) {
    return ("""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"
            xmlns:camunda="http://camunda.org/schema/1.0/dmn" id="defs_%1$s" name="Analyst rights test"
            namespace="http://namss.org/test">
          <decision id="%1$s" name="Analyst rights test" camunda:historyTimeToLive="P1D">
            <decisionTable id="table_%1$s">
              <input id="in_%1$s"><inputExpression id="expr_%1$s" typeRef="string"><text>x</text></inputExpression>
              </input>
              <output id="out_%1$s" name="y" typeRef="string"/>
              <rule id="rule_%1$s"><inputEntry id="ie_%1$s"><text>-</text></inputEntry>
                <outputEntry id="oe_%1$s"><text>"ok"</text></outputEntry></rule>
            </decisionTable>
          </decision>
        </definitions>
        """).formatted(key).getBytes(StandardCharsets.UTF_8);
  }

  /** What Camunda Modeler's deploy button sends (one part per resource), with the given account. */
  private HttpResponse<String> deploy(String user, String secret, Map<String, byte[]> resources) throws Exception {
    String boundary = "----recert" + UUID.randomUUID();
    var out = new ByteArrayOutputStream();
    for (var field : List.of(Map.entry("deployment-name", ModelDeployer.DEPLOYMENT_NAME),
        Map.entry("deployment-source", "Camunda Modeler"),
        Map.entry("enable-duplicate-filtering", "true"),
        Map.entry("deploy-changed-only", "true"))) {
      out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n"
          + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
    for (var resource : resources.entrySet()) {
      out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + resource.getKey()
          + "\"; filename=\"" + resource.getKey() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
          .getBytes(StandardCharsets.UTF_8));
      out.write(resource.getValue());
      out.write("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
            + "/engine-rest/deployment/create"))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .header("Accept", "application/json")
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret)
            .getBytes(StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
