package org.namss.recert.calendar;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import jakarta.mail.internet.MimeMessage;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.namss.recert.billing.BillingService;
import org.namss.recert.billing.Invoice;
import org.namss.recert.certificant.Certificant;
import org.namss.recert.certificant.CertificantService;
import org.namss.recert.certificant.CertificationStatus;
import org.namss.recert.renewal.CardPayments;
import org.namss.recert.renewal.RenewalCaseRepository;
import org.namss.recert.renewal.RenewalService;
import org.namss.recert.support.ApplicationTest;
import org.namss.recert.support.Fixtures;
import org.namss.recert.support.TestServers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * Shared steps of the whole-year tests: the engine clock is moved to a day, then every job of the instance that
 * is due then (timers included) is executed, as the job executor would.
 */
public abstract class TimeTravelTest extends ApplicationTest {

  public static final String BADGES = "/v1/organizations/org-42/badges";

  @Autowired protected Fixtures fixtures;
  @Autowired protected RenewalService renewals;
  @Autowired protected BillingService billing;
  @Autowired protected CertificantService certificants;
  @Autowired protected CardPayments cardPayments;
  @Autowired protected RenewalCaseRepository cases;
  @Autowired protected TestRestTemplate rest;

  @BeforeEach
  void initEngineAndCredly() {
    init(engine);
    TestServers.credly().stubFor(post(BADGES).willReturn(okJson("{\"data\":{\"id\":\"badge-new\"}}").withStatus(201)));
    TestServers.credly().stubFor(put(urlPathMatching(BADGES + "/[^/]+/revoke"))
        .willReturn(okJson("{\"data\":{\"state\":\"revoked\"}}")));
    warmUpCredly();
  }

  /**
   * The first request a fresh WireMock answers can take longer than the product's 2 s Credly read timeout on a
   * loaded machine; one request here keeps that start-up cost out of the badge jobs under test.
   */
  private static void warmUpCredly() {
    try {
      java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
          java.net.URI.create(TestServers.credly().baseUrl() + "/__admin/mappings")).build(),
          java.net.http.HttpResponse.BodyHandlers.discarding());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    TestServers.credly().resetRequests();
  }

  protected ProcessInstance instance(String pid) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(pid).singleResult();
  }

  /** Executes the instance's due jobs one by one until the async job of {@code activityId} is the next to run. */
  protected Job runUntil(String pid, String activityId) {
    for (int guard = 0; guard < 100; guard++) {
      Job target = engine.getManagementService().createJobQuery().processInstanceId(pid).activityId(activityId)
          .singleResult();
      if (target != null) {
        return target;
      }
      List<Job> jobs = engine.getManagementService().createJobQuery().processInstanceId(pid).executable().list();
      assertThat(jobs).as("jobs before %s", activityId).isNotEmpty();
      engine.getManagementService().executeJob(jobs.get(0).getId());
    }
    throw new AssertionError("never reached " + activityId);
  }

  /** Moves the clock to the local time and runs what is due for the instance then. */
  protected void travelTo(String pid, LocalDateTime at) {
    setClock(at);
    executeDueJobs(pid);
  }

  protected void travelTo(String pid, LocalDate day) {
    travelTo(pid, day.atTime(10, 0));
  }

  /** The due dates of the instance's timers, as local times in the association's zone. */
  protected List<LocalDateTime> timerDates(String pid) {
    return engine.getManagementService().createJobQuery().processInstanceId(pid).timers().list().stream()
        .map(Job::getDuedate).map(d -> LocalDateTime.ofInstant(d.toInstant(), ZONE)).sorted().toList();
  }

  protected static LocalDateTime midnight(LocalDate day) {
    return day.atStartOfDay();
  }

  protected CertificationStatus status(Certificant certificant) {
    return certificants.get(certificant.getId()).getCertifications().get(0).getStatus();
  }

  protected int renewalYearOf(Certificant certificant) {
    return certificants.get(certificant.getId()).getCertifications().get(0).getRenewalYear();
  }

  /** The open good-standing lookup an employer uses (R17), without credentials. */
  @SuppressWarnings("unchecked")
  protected Map<String, Object> goodStanding(Certificant certificant) {
    ResponseEntity<Map<String, Object>> answer = rest.exchange("/api/good-standing/" + certificant.getNumber(),
        HttpMethod.GET, null, new ParameterizedTypeReference<Map<String, Object>>() {});
    assertThat(answer.getStatusCode().value()).isEqualTo(200);
    return answer.getBody();
  }

  protected boolean inGoodStanding(Certificant certificant) {
    return Boolean.TRUE.equals(goodStanding(certificant).get("inGoodStanding"));
  }

  protected Invoice onlyInvoice(Certificant certificant) {
    List<Invoice> invoices = billing.invoicesOf(certificant.getId());
    assertThat(invoices).hasSize(1);
    return invoices.get(0);
  }

  protected List<String> feeCodes(Invoice invoice) {
    return invoice.getLines().stream().map(l -> l.getFeeCode()).toList();
  }

  protected void payByCard(Certificant certificant, Invoice invoice) {
    cardPayments.confirm(certificant, invoice.getInvoiceNumber(), invoice.getTotal(), "ch_" + invoice.getId(),
        certificant.primaryEmail());
  }

  protected Task task(String pid, String definitionKey) {
    Task task = engine.getTaskService().createTaskQuery().processInstanceId(pid).taskDefinitionKey(definitionKey)
        .singleResult();
    assertThat(task).as("task %s of %s", definitionKey, pid).isNotNull();
    return task;
  }

  protected void complete(String pid, String definitionKey, Map<String, Object> variables) {
    engine.getTaskService().complete(task(pid, definitionKey).getId(), variables);
    executeDueJobs(pid);
  }

  /** The text of a message (subject and plain-text part), for asserting the facts it tells. */
  protected static String text(MimeMessage message) {
    try {
      return message.getSubject() + "\n" + plain(message);
    } catch (jakarta.mail.MessagingException | java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String plain(jakarta.mail.Part part) throws jakarta.mail.MessagingException, java.io.IOException {
    Object content = part.getContent();
    if (content instanceof jakarta.mail.Multipart multipart) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < multipart.getCount(); i++) {
        text.append(plain(multipart.getBodyPart(i)));
      }
      return text.toString();
    }
    return part.isMimeType("text/plain") ? content.toString() : "";
  }

  protected MimeMessage mailWithSubject(Certificant certificant, String subjectPart) {
    List<MimeMessage> found = mailsTo(certificant.primaryEmail()).stream()
        .filter(m -> text(m).lines().findFirst().orElse("").contains(subjectPart)).toList();
    assertThat(found).as("mail '%s' to %s among %s", subjectPart, certificant.primaryEmail(),
        subjectsTo(certificant.primaryEmail())).hasSize(1);
    return found.get(0);
  }

  protected static Date at(LocalDateTime local, ZoneId zone) {
    return Date.from(local.atZone(zone).toInstant());
  }
}
