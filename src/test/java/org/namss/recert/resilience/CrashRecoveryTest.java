package org.namss.recert.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.namss.recert.support.NoDelayGreenMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Faults survived, nothing lost": the real application (its own JVM, job executor on) on an H2 file database is
 * killed with SIGKILL while hundreds of approved renewals are issuing badges and sending approval mail, restarted
 * on the same files, and every renewal finishes with exactly one invoice, one badge and its mail (R8, R16, R19).
 * {@link CrashRecoveryPostgresTest} runs the same on PostgreSQL.
 */
class CrashRecoveryTest {

  private static final Logger LOG = LoggerFactory.getLogger(CrashRecoveryTest.class);
  static final int RENEWALS = Integer.getInteger("resilience.crash.renewals", 500);
  /** Longest wait for one phase: measured 1-4 minutes at the default sizes on the idle 2-core machine. */
  static final Duration PHASE_WAIT = Duration.ofSeconds(120 + RENEWALS);

  TestDatabase database;
  GreenMail smtp;
  FakeCredly credly;
  AppNode node;
  Renewals renewals;

  TestDatabase database() {
    return TestDatabase.h2File();
  }

  /**
   * Messages the kill may leave delivered twice, each time under the same Message-ID. SMTP cannot rule out one per
   * job thread (2): the server accepted it, and the node died before it recorded it. On H2 a commit reaches the
   * file a moment after it returns (WRITE_DELAY=1 plus the write of the chunk), so a kill also loses the records
   * of messages sent in that moment, possibly more than one per thread: 6 on H2. Observed on 2026-12-05, once the
   * test's SMTP server answered as fast as a real one: 0, 0, 1, 1, 2 and 2 in six runs with the counter key
   * (RenewalNotifications#pass), and one run failed with the job-id key then in use (docs/resilience.md).
   */
  int messagesInDoubtAllowed() {
    return 6;
  }

  @BeforeEach
  void servers() {
    database = database();
    smtp = new NoDelayGreenMail(new ServerSetup(Ports.free(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    credly = new FakeCredly();
    renewals = new Renewals(database);
  }

  @AfterEach
  void cleanUp() {
    if (node != null) {
      node.destroyQuietly();
    }
    renewals.close();
    credly.close();
    smtp.stop();
    database.close();
  }

  @Test
  @Timeout(value = 30, unit = java.util.concurrent.TimeUnit.MINUTES)
  @DisplayName("R8, R16, R19: SIGKILL while badges and approval mail go out; after a restart each renewal has "
      + "exactly one invoice, one badge POST and its four e-mails")
  void sigkillMidwayLosesNothingAndDoublesNothing() throws Exception {
    long started = System.nanoTime();
    Map<String, String> properties = new LinkedHashMap<>(database.properties());
    properties.put("spring.mail.host", "127.0.0.1");
    properties.put("spring.mail.port", String.valueOf(smtp.getSmtp().getPort()));
    properties.put("credly.base-url", credly.baseUrl());
    node = new AppNode(getClass().getSimpleName() + "-node", properties, Renewals.clockOffset());
    node.start();
    List<AppNode> nodes = List.of(node);
    renewals.createStaffUser(node);
    renewals.seed(RENEWALS);

    renewals.submitAll(nodes);
    renewals.awaitCount("invoices placed", "select count(*) from invoice", RENEWALS, PHASE_WAIT);
    renewals.payAll(nodes);
    renewals.awaitCount("reviews waiting", "select count(*) from act_ru_task where task_def_key_ = "
        + "'UserTask_ReviewApplication'", RENEWALS, PHASE_WAIT);
    LOG.info("{} renewals at review after {} s", RENEWALS, seconds(started));

    renewals.approveAll(nodes);
    await("a third of the badges issued").atMost(PHASE_WAIT).pollInterval(Duration.ofMillis(50))
        .until(() -> credly.posts() >= RENEWALS / 3);
    int exit = node.kill();
    int postsAtKill = credly.posts();
    int mailsAtKill = smtp.getReceivedMessages().length;

    assertThat(exit).as("exit status of a SIGKILLed JVM (128 + 9)").isEqualTo(137);
    long finishedAtKill = renewals.recertified();
    LOG.info("Killed after {} s: {} badge POSTs, {} mails, {} of {} renewals finished", seconds(started),
        postsAtKill, mailsAtKill, finishedAtKill, RENEWALS);
    assertThat(finishedAtKill).as("renewals finished when the node died").isLessThan(RENEWALS);

    node.start();
    renewals.awaitCount("all renewals recertified", Renewals.RECERTIFIED, RENEWALS, PHASE_WAIT);
    // the mail of the last instances is sent by the job before the instance ends: nothing more is expected
    assertThat(renewals.count("select count(*) from act_ru_job where process_instance_id_ is not null")).isZero();
    assertThat(renewals.count("select count(*) from act_ru_incident")).isZero();

    renewals.assertOneInvoiceEach();
    renewals.assertOneBadgeEach(credly);
    int inDoubt = renewals.assertMailsEach(smtp, messagesInDoubtAllowed());
    LOG.info("{}: {} renewals, killed and recovered in {} s; {} message(s) in doubt at the kill delivered twice",
        getClass().getSimpleName(), RENEWALS, seconds(started), inDoubt);
  }

  static long seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000_000L;
  }
}
