package org.namss.recert.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;
import org.namss.recert.support.NoDelayGreenMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Cluster on PostgreSQL": two application processes on one fresh PostgreSQL database, both with the job executor
 * on, share the renewals submitted through both HTTP ports. Every job runs once (no duplicate e-mail, badge or
 * invoice), both nodes do work (ACT_HI_JOB_LOG.HOSTNAME_), and when one node is killed (SIGKILL) mid-run the other
 * takes over its locked jobs once their lock expires and finishes (R8, R16, R19).
 */
@EnabledIf("org.namss.recert.support.PostgresDatabase#available")
class TwoNodeClusterPostgresTest {

  private static final Logger LOG = LoggerFactory.getLogger(TwoNodeClusterPostgresTest.class);
  static final int RENEWALS = Integer.getInteger("resilience.cluster.renewals", 1000);
  /** Longest wait for one phase: measured 1-4 minutes at the default sizes on the idle 2-core machine. */
  static final Duration PHASE_WAIT = Duration.ofSeconds(120 + RENEWALS);

  TestDatabase database;
  GreenMail smtp;
  FakeCredly credly;
  AppNode nodeA;
  AppNode nodeB;
  Renewals renewals;

  @BeforeEach
  void servers() {
    database = TestDatabase.postgres();
    smtp = new NoDelayGreenMail(new ServerSetup(Ports.free(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    credly = new FakeCredly();
    renewals = new Renewals(database);
  }

  @AfterEach
  void cleanUp() {
    for (AppNode node : new AppNode[] {nodeA, nodeB}) {
      if (node != null) {
        node.destroyQuietly();
      }
    }
    renewals.close();
    credly.close();
    smtp.stop();
    database.close();
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.MINUTES)
  @DisplayName("R8, R16, R19: two nodes on one PostgreSQL share the work, each job runs once, and one node "
      + "finishes alone when the other stops")
  void twoNodesShareTheWorkAndOneFinishesAlone() throws Exception {
    long started = System.nanoTime();
    Map<String, String> common = new LinkedHashMap<>(database.properties());
    common.put("spring.mail.host", "127.0.0.1");
    common.put("spring.mail.port", String.valueOf(smtp.getSmtp().getPort()));
    common.put("credly.base-url", credly.baseUrl());
    long offset = Renewals.clockOffset();
    // the first node creates the schema; the second starts on it
    nodeA = new AppNode("node-a", common, offset);
    nodeB = new AppNode("node-b", common, offset);
    nodeA.start();
    nodeB.start();
    List<AppNode> both = List.of(nodeA, nodeB);
    renewals.createStaffUser(nodeA);
    renewals.seed(RENEWALS);
    LOG.info("Two nodes up and {} certificants seeded after {} s", RENEWALS, CrashRecoveryTest.seconds(started));

    renewals.submitAll(both);
    renewals.awaitCount("invoices placed", "select count(*) from invoice", RENEWALS, PHASE_WAIT);
    renewals.payAll(both);
    renewals.awaitCount("reviews waiting", "select count(*) from act_ru_task where task_def_key_ = "
        + "'UserTask_ReviewApplication'", RENEWALS, PHASE_WAIT);
    Map<String, Long> beforeStop = renewals.successfulJobsPerNode();
    LOG.info("{} renewals at review after {} s; successful jobs per node: {}", RENEWALS,
        CrashRecoveryTest.seconds(started), beforeStop);
    assertThat(beforeStop).as("both nodes executed jobs").containsKeys("node-a", "node-b");
    assertThat(beforeStop.values()).allSatisfy(jobs -> assertThat(jobs).isGreaterThan(RENEWALS / 10L));

    renewals.approveAll(both);
    await("a third of the badges issued").atMost(PHASE_WAIT).pollInterval(Duration.ofMillis(100))
        .until(() -> credly.posts() >= RENEWALS / 3);
    // the hardest way to stop: SIGKILL (a graceful SIGTERM lets node-a drain its queue first, which proves less)
    int exit = nodeA.kill();
    assertThat(exit).as("exit status of a SIGKILLed JVM (128 + 9)").isEqualTo(137);
    long finishedAtStop = renewals.recertified();
    LOG.info("node-a killed (exit {}) after {} s with {} of {} renewals finished", exit,
        CrashRecoveryTest.seconds(started), finishedAtStop, RENEWALS);
    assertThat(finishedAtStop).as("renewals finished when node-a stopped").isLessThan(RENEWALS);
    long nodeBBefore = renewals.successfulJobsPerNode().getOrDefault("node-b", 0L);

    renewals.awaitCount("all renewals recertified by node-b", Renewals.RECERTIFIED, RENEWALS, PHASE_WAIT);
    assertThat(renewals.count("select count(*) from act_ru_job where process_instance_id_ is not null")).isZero();
    assertThat(renewals.count("select count(*) from act_ru_incident")).isZero();
    Map<String, Long> perNode = renewals.successfulJobsPerNode();
    assertThat(perNode.get("node-b")).as("node-b finished the rest alone").isGreaterThan(nodeBBefore);
    assertThat(renewals.count("select count(*) from (select job_id_ from act_hi_job_log where job_state_ = 2 "
        + "group by job_id_ having count(*) > 1) twice")).as("jobs that succeeded twice").isZero();

    renewals.assertOneInvoiceEach();
    renewals.assertOneBadgeEach(credly);
    int inDoubt = renewals.assertMailsEach(smtp, 2);
    LOG.info("{}: {} renewals on two nodes in {} s; successful jobs per node {}; {} message(s) delivered twice",
        getClass().getSimpleName(), RENEWALS, CrashRecoveryTest.seconds(started), perNode, inDoubt);
  }
}
