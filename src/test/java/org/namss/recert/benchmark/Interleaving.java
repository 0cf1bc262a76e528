package org.namss.recert.benchmark;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.ProcessDefinition;

/**
 * Runs our season and the bare model's side by side, day by day: on each day of the season one model's phase, then
 * the other's, the first model alternating from one day to the next. So both models meet the machine in the same
 * minutes, and a change in its pace (on the 2-core reference machine the bare model's CPU per certificant moved by
 * 41 % between two runs of the same code, one after the other) weighs on both alike: the ratio ours / bare holds
 * however noisy the machine is, as the issue asks, where the two seasons run one after the other drew it from two
 * different stretches of the machine's day.
 *
 * <p>While one model's phase runs, the other's jobs are suspended (its job definitions and their jobs, through the
 * engine's API), so that its timers falling due on the same day wait for its own phase and no job of one model runs
 * in the other's measured time. Suspending and activating happen between the phases, outside the measured time; each
 * phase checks first that the other model has no job the job executor could run.
 */
final class Interleaving {

  /** Wraps each phase's run, for the caller's measurements; {@code ours} says whose phase it is. */
  interface Measure {
    void phase(boolean ours, Runnable run);
  }

  private final ProcessEngine engine;
  private final Set<String> ourKeys;
  private final Set<String> bareKeys = Set.of(BareSeason.KEY);
  /** Whose jobs may run now: null before the first phase (everything active). */
  private Boolean active;

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
   * wrapped in {@code measure}. Every job is active again afterwards, also when a phase failed.
   */
  void run(RenewalSeason ours, BareSeason bare, Measure measure) {
    Map<LocalDate, List<SeasonPhase>> oursByDay = byDay(ours);
    Map<LocalDate, List<SeasonPhase>> bareByDay = byDay(bare);
    TreeSet<LocalDate> days = new TreeSet<>(oursByDay.keySet());
    days.addAll(bareByDay.keySet());
    ours.begin();
    bare.begin();
    try {
      int shared = 0;
      for (LocalDate day : days) {
        boolean oursFirst = shared % 2 == 0;
        if (oursByDay.containsKey(day) && bareByDay.containsKey(day)) {
          shared++;
        }
        for (boolean forOurs : oursFirst ? new boolean[] {true, false} : new boolean[] {false, true}) {
          Season season = forOurs ? ours : bare;
          for (SeasonPhase phase : (forOurs ? oursByDay : bareByDay).getOrDefault(day, List.of())) {
            only(forOurs);
            measure.phase(forOurs, () -> season.runPhase(phase));
          }
        }
      }
    } finally {
      activate(ourKeys);
      activate(bareKeys);
      active = null;
      ours.end();
      bare.end();
    }
  }

  private static Map<LocalDate, List<SeasonPhase>> byDay(Season season) {
    return season.phases().stream().collect(Collectors.groupingBy(SeasonPhase::day, TreeMap::new,
        Collectors.toList()));
  }

  /** Lets only this model's jobs run; checks that the other model has none the job executor could take. */
  private void only(boolean ours) {
    if (active == null || active != ours) {
      suspend(ours ? bareKeys : ourKeys);
      activate(ours ? ourKeys : bareKeys);
      active = ours;
    }
    ManagementService management = engine.getManagementService();
    for (String key : ours ? bareKeys : ourKeys) {
      long runnable = management.createJobQuery().processDefinitionKey(key).active().count();
      if (runnable != 0) {
        throw new IllegalStateException(runnable + " jobs of " + key + " are active while the "
            + (ours ? "our" : "bare") + " model's phase is to run alone");
      }
    }
  }

  private void suspend(Set<String> keys) {
    keys.forEach(key -> engine.getManagementService().updateJobDefinitionSuspensionState()
        .byProcessDefinitionKey(key).includeJobs(true).suspend());
  }

  private void activate(Set<String> keys) {
    keys.forEach(key -> engine.getManagementService().updateJobDefinitionSuspensionState()
        .byProcessDefinitionKey(key).includeJobs(true).activate());
  }
}
