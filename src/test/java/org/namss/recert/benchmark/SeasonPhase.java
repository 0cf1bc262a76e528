package org.namss.recert.benchmark;

import java.time.LocalDate;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;

/**
 * One day of a season, run the same way for both models: the engine clock moves to 9:00 of the day, what fell due
 * before then runs first (the day's courtesy notices, timers), as it would overnight, then the day's users and staff
 * act ({@code action}), and the phase ends when no job is due any more. Until 2026-12-06 the users acted while the
 * night's jobs ran, and how many 1 November reminders went out depended on how far the notice sweep had got when
 * the submissions came: 6,380 to 7,221 e-mails at N = 1,000.
 */
record SeasonPhase(String name, LocalDate day, Runnable action) {

  /** Runs the phase on the engine with the job executor on; returns its wall time in ms. */
  long run(ProcessEngine engine, int instances) {
    JobExecutor jobExecutor =
        ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
    long start = System.nanoTime();
    RenewalSeason.setClock(day.atTime(9, 0));
    jobExecutor.jobWasAdded(); // timers the clock made due are picked up now, not after the idle back-off
    RenewalSeason.drain(engine, instances);
    action.run();
    jobExecutor.jobWasAdded();
    RenewalSeason.drain(engine, instances);
    return (System.nanoTime() - start) / 1_000_000;
  }
}
