package org.namss.recert.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.namss.recert.benchmark.RenewalSeason.Scenario;
import org.namss.recert.support.ApplicationTest;
import org.namss.recert.support.TestServers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The season benchmark in small (N = 200) in the normal test run: with the job executor on, the whole year runs
 * and every certificant ends where the mix says (R8, R15-R17, R19-R22, R25-R27). The context is closed after the
 * class so that its job executor does not outlive it.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
// a test property source, not a dynamic one: Spring Boot sets logging levels up before those are added
@TestPropertySource(properties = {"logging.level.org.namss.recert=WARN", "logging.level.com.icegreen.greenmail=WARN"})
class SeasonBenchmarkSmokeTest extends ApplicationTest {

  @DynamicPropertySource
  static void jobExecutor(DynamicPropertyRegistry registry) {
    BenchmarkSettings.jobExecutorOn(registry);
  }

  @Autowired ApplicationContext context;
  @LocalServerPort int port;

  @Test
  @DisplayName("R1a-R27: a season of 200 certificants, day by day beside 200 bare instances, completes with every "
      + "renewal in its expected end state")
  void seasonOf200() {
    RenewalSeason season = new RenewalSeason(context, BenchmarkSettings.YEAR, port, "admin", ADMIN_PASSWORD,
        smtp(), TestServers.credly(), 10);
    BareSeason.deploy(engine);
    BareSeason bare = new BareSeason(engine, BenchmarkSettings.YEAR, 200);
    SeasonReport.HeapSampler heap = new SeasonReport.HeapSampler();
    season.setUp(200);
    List<String> order = new ArrayList<>();
    new Interleaving(engine).run(season, bare, (ours, phase) -> {
      order.add(ours ? "ours" : "bare");
      phase.run();
    });
    heap.close();
    SeasonReport.write("season-smoke-200", SeasonReport.render(200, "h2-mem", season,
        SeasonReport.ourJobs(engine), SeasonReport.ourDecisions(context), SeasonReport.ourKeptAnswers(context), bare,
        SeasonReport.successfulJobs(engine, BareSeason.KEY), heap.peakMb(), BenchmarkSettings.jobExecutorMode(), null,
        null));

    assertThat(season.counts()).isEqualTo(Map.of(Scenario.ON_TIME, 140, Scenario.LATE, 20,
        Scenario.LATE_EARLY_CHECK, 10, Scenario.EXTENSION, 16, Scenario.LAPSE_REINSTATE, 8,
        Scenario.LAPSE_EXPIRE, 6));
    assertThat(SeasonOutcome.problems(context, season, BenchmarkSettings.YEAR)).isEmpty();
    // what the engine recorded, not what the driver was told: 194 renewed (on time, late, early check, extended,
    // reinstated), 6 expired (R27)
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey("RecertificationProcess").finished().list().stream()
        .collect(Collectors.groupingBy(i -> i.getEndActivityId(), Collectors.counting())))
        .isEqualTo(Map.of("EndEvent_Recertified", 194L, "EndEvent_Expired", 6L));
    assertThat(season.httpSubmitNanos).hasSize(14 + 3); // every 10th on-time and late submission over HTTP
    assertThat(engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey("RecertificationProcess").count()).isZero();
    // the season's own lapse sweep lapsed exactly the 14 who did nothing by 31 December (R25); the bare model has an
    // activity of the same id, so the count is by our model's definition
    String ourModel = engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey("RecertificationProcess").latestVersion().singleResult().getId();
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processDefinitionId(ourModel)
        .activityId("ServiceTask_LapseCertification").finished().count()).isEqualTo(14);

    // the bare model ran the same paths beside ours, each phase on its own day
    assertThat(bare.endEvents()).isEqualTo(Map.of("EndEvent_Recertified", 194L, "EndEvent_Expired", 6L));
    assertThat(bare.unfinished()).isZero();
    assertThat(season.phaseMillis()).hasSize(17);
    assertThat(bare.phaseMillis()).hasSize(16);
    // 15 July ours alone; then on each of the 16 shared days both, the first alternating
    assertThat(order).hasSize(33).startsWith("ours", "ours", "bare", "bare", "ours", "ours", "bare")
        .endsWith("bare", "ours");
    assertThat(engine.getManagementService().createJobQuery().suspended().list())
        .as("no job left suspended after the season").isEmpty();
  }
}
