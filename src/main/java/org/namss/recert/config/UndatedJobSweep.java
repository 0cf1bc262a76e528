package org.namss.recert.config;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Every minute (recert.jobs.undated-sweep), gives any job without a due date its creation time, since job
 * acquisition by due date never finds it ({@link JobAcquisitionByDueDate}). After start such a job can only come from
 * outside this node's engine: a node of an earlier version still running in a cluster during an upgrade, a job that
 * history cleanup suspended (it clears the due date) and an operator activated, a statement run by hand. Through the
 * index on the due date the sweep reads only those jobs; it logs a warning when it dates any.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class UndatedJobSweep {

  private final ProcessEngineConfigurationImpl configuration;

  UndatedJobSweep(ProcessEngine engine) {
    this.configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
  }

  @Scheduled(initialDelayString = "${recert.jobs.undated-sweep:PT1M}",
      fixedDelayString = "${recert.jobs.undated-sweep:PT1M}")
  int run() {
    if (!configuration.isEnsureJobDueDateNotNull()) {
      return 0;
    }
    return JobAcquisitionByDueDate.dateUndatedJobs(configuration.getDataSource(),
        JobAcquisitionByDueDate.table(configuration));
  }
}
