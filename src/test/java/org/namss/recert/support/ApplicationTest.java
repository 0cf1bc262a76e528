package org.namss.recert.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that run the whole application (Spring context, engine, Flyway, web layer) on an in-memory
 * H2 database of their own, with e-mail going to a real SMTP server (GreenMail) and Credly calls to a local HTTP
 * server (WireMock). The job executor is off: tests drive jobs themselves and move the engine's clock.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:recert-${random.uuid};DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false",
    "recert.jobs.undated-sweep=PT24H", // tests that need it run the sweep themselves
    "recert.admin.user-id=admin",
    "recert.admin.password=" + ApplicationTest.ADMIN_PASSWORD,
    "credly.organization-id=org-42",
    "credly.auth-token=test-credly-token",
    "credly.template-ids.cpcs=template-cpcs",
    "credly.template-ids.cpmsm=template-cpmsm",
    "credly.read-timeout=10s",
    "logging.level.org.camunda.bpm.engine.context=OFF",
    "logging.level.org.camunda.bpm.engine.jobexecutor=OFF"})
public abstract class ApplicationTest {

  /** Only for tests: a deployment never has a fixed password. */
  public static final String ADMIN_PASSWORD = "test-admin-password";
  public static final ZoneId ZONE = ZoneId.of("America/New_York");

  @Autowired
  protected ProcessEngine engine;

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> TestServers.smtp().getSmtp().getPort());
    registry.add("credly.base-url", () -> TestServers.credly().baseUrl());
  }

  @BeforeEach
  void resetServers() throws Exception {
    // with several contexts alive (H2 and PostgreSQL), the engine REST API must answer from this test's engine
    org.camunda.bpm.engine.ProcessEngines.registerProcessEngine(engine);
    TestServers.smtp().purgeEmailFromAllMailboxes();
    TestServers.credly().resetAll();
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  protected static GreenMail smtp() {
    return TestServers.smtp();
  }

  /** Sets the engine's clock (and so the product's) to a local time in the association's zone. */
  protected static void setClock(LocalDateTime localTime) {
    ClockUtil.setCurrentTime(Date.from(localTime.atZone(ZONE).toInstant()));
  }

  protected static void setClock(LocalDate date) {
    setClock(date.atTime(10, 0));
  }

  /** Runs every job of the process instance that is due now, until none is left (failures propagate). */
  protected void executeDueJobs(String processInstanceId) {
    for (int guard = 0; guard < 200; guard++) {
      List<Job> jobs = engine.getManagementService().createJobQuery().processInstanceId(processInstanceId)
          .executable().list();
      if (jobs.isEmpty()) {
        return;
      }
      engine.getManagementService().executeJob(jobs.get(0).getId());
    }
    throw new AssertionError("Jobs keep coming for " + processInstanceId);
  }

  /** The addresses a received message went to. */
  protected static List<String> addresses(MimeMessage message) {
    try {
      return Arrays.stream(message.getAllRecipients())
          .map(a -> ((jakarta.mail.internet.InternetAddress) a).getAddress()).toList();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  protected List<MimeMessage> mailsTo(String recipient) {
    return Arrays.stream(smtp().getReceivedMessages())
        .filter(message -> addresses(message).stream().anyMatch(recipient::equalsIgnoreCase)).toList();
  }

  protected List<String> subjectsTo(String recipient) {
    return mailsTo(recipient).stream().map(message -> {
      try {
        return message.getSubject();
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  protected static void assertNoIncidents(ProcessEngine engine) {
    assertThat(engine.getRuntimeService().createIncidentQuery().list()).isEmpty();
  }
}
