package org.namss.recert.benchmark;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;

/**
 * Runs our season and the bare model's side by side, day by day: on each day of the season one model's phase, then
 * the other's, the first model alternating from one shared day to the next. So both models meet the machine in the
 * same minutes, and a drift in its pace between stretches of minutes (on the 2-core reference machine the bare
 * model's CPU per certificant moved by 41 % between two runs of the same code, one after the other) weighs on both
 * alike, where the two seasons run one after the other drew their figures from two different stretches. A load that
 * comes and goes faster than a phase (a few seconds to half a minute) still lands on one model more than the other;
 * the ratio by CPU that the benchmark reports beside the wall-time one moves less under it (docs/performance.md,
 * "The twelfth session").
 *
 * <p>While one model's phase runs, the other model's jobs due at the phase's clock time are suspended (by id, through
 * the engine's API), so that its timers falling due on the same day wait for its own phase and no job of one model
 * runs in the other's measured time. Holding and releasing them happen inside the measured window, before the
 * phase's clock starts; each phase checks first that the other model has no job the job executor could take. The
 * model that goes first on a day still finds the other's held timers of that day among the due jobs that job
 * acquisition reads past (on 1 January and 1 July the bare model goes first: our lapse and expiry timers, 7 % and 3 %
 * of N).
 */
final class Interleaving {

  /** Wraps each phase's run, for the caller's measurements; {@code ours} says whose phase it is. */
  interface Measure {
    void phase(boolean ours, Runnable run);
  }

  private final ProcessEngine engine;
  private final Set<String> ourKeys;
  private final Set<String> bareKeys = Set.of(BareSeason.KEY);
  /** The jobs this class suspended, per model (true: ours), to activate again before that model's next phase. */
  private final Map<Boolean, List<String>> held = Map.of(true, new ArrayList<>(), false, new ArrayList<>());

  Interleaving(ProcessEngine engine) {
    this.engine = engine;
    this.ourKeys = Set.of(RenewalSeason.PROCESSES);
    Set<String> deployed = engine.getRepositoryService().createProcessDefinitionQuery().latestVersion().list()
        .stream().map(ProcessDefinition::getKey).collect(Collectors.toSet());
    if (!deployed.containsAll(ourKeys) || !deployed.contains(BareSeason.KEY)) {
      throw new IllegalStateException("Interleaving needs " + ourKeys + " and " + BareSeason.KEY
          + " deployed; deployed are " + deployed);
    }
  }

  /**
   * Runs both seasons through all their days, ours first on the first day they share. Each model's phases are
   * wrapped in {@code measure}, the holding and releasing of jobs before it included. Every job this class suspended
   * is active again afterwards, also when a phase failed.
   */
  void run(RenewalSeason ours, BareSeason bare, Measure measure) {
    Map<LocalDate, List<SeasonPhase>> oursByDay = byDay(ours);
    Map<LocalDate, List<SeasonPhase>> bareByDay = byDay(bare);
    TreeSet<LocalDate> days = new TreeSet<>(oursByDay.keySet());
    days.addAll(bareByDay.keySet());
    try {
      ours.begin();
      bare.begin();
      int shared = 0;
      for (LocalDate day : days) {
        boolean oursFirst = shared % 2 == 0;
        if (oursByDay.containsKey(day) && bareByDay.containsKey(day)) {
          shared++;
        }
        for (boolean forOurs : oursFirst ? new boolean[] {true, false} : new boolean[] {false, true}) {
          Season season = forOurs ? ours : bare;
          for (SeasonPhase phase : (forOurs ? oursByDay : bareByDay).getOrDefault(day, List.of())) {
            measure.phase(forOurs, () -> {
              only(forOurs, phase);
              season.runPhase(phase);
            });
          }
        }
      }
    } finally {
      release(true);
      release(false);
      ours.end();
      bare.end();
    }
  }

  private static Map<LocalDate, List<SeasonPhase>> byDay(Season season) {
    return season.phases().stream().collect(Collectors.groupingBy(SeasonPhase::day, TreeMap::new,
        Collectors.toList()));
  }

  /**
   * Before a phase: activates the jobs of this model that were held back for the other's phases, and suspends the
   * other model's jobs that will be due at the phase's clock time (9:00 of its day), which are the only ones the job
   * executor would take (the engine's clock stands still within a phase, and each phase ends with no job due, so no
   * asynchronous continuation is left waiting). These are a few per certificant at most (the day's timers), not the
   * whole job table, which suspending the job definitions with their jobs rewrote on every switch. Then checks that
   * the other model has no job the executor could take.
   */
  private void only(boolean ours, SeasonPhase phase) {
    release(ours);
    Date dueBy = new Date(phase.day().atTime(9, 0).atZone(RenewalSeason.ZONE).toInstant().toEpochMilli() + 1);
    ManagementService management = engine.getManagementService();
    for (String key : ours ? bareKeys : ourKeys) {
      for (Job job : management.createJobQuery().processDefinitionKey(key).active().duedateLowerThan(dueBy).list()) {
        management.suspendJobById(job.getId());
        held.get(!ours).add(job.getId());
      }
      long runnable = management.createJobQuery().processDefinitionKey(key).active().duedateLowerThan(dueBy).count();
      if (runnable != 0) {
        throw new IllegalStateException(runnable + " jobs of " + key + " can run while the "
            + (ours ? "our" : "bare") + " model's phase is to run alone");
      }
    }
  }

  /** Activates the jobs of one model that this class suspended. */
  private void release(boolean ours) {
    held.get(ours).forEach(engine.getManagementService()::activateJobById);
    held.get(ours).clear();
  }
}
