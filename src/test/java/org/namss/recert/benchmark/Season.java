package org.namss.recert.benchmark;

import java.util.List;
import java.util.Map;

/**
 * A season driven phase by phase: ours ({@link RenewalSeason}) or the bare model's ({@link BareSeason}). {@link #run}
 * runs it alone; {@link Interleaving} runs both day by day, one model's phase after the other's.
 */
interface Season {

  /** The season's phases, in the order of their days. */
  List<SeasonPhase> phases();

  /** Before the first phase. */
  void begin();

  /** Runs one of {@link #phases()} and records its wall time. */
  void runPhase(SeasonPhase phase);

  /** After the last phase (also when one failed). */
  void end();

  /** Wall time in ms of each phase run so far, by name, in the order run. */
  Map<String, Long> phaseMillis();

  /** The season's wall time in ms: the sum of its phases'. */
  default long seasonMillis() {
    return phaseMillis().values().stream().mapToLong(Long::longValue).sum();
  }

  /** Runs the whole season alone; returns its wall time in ms. */
  default long run() {
    begin();
    try {
      phases().forEach(this::runPhase);
    } finally {
      end();
    }
    return seasonMillis();
  }
}
