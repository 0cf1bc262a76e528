package org.namss.recert.config;

import java.time.ZoneId;
import org.namss.recert.rules.LatestDecisions;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The product's own settings ({@code recert.*}).
 *
 * @param zone the association's time zone: every calendar date of the rules is a date there
 * @param admin the first administrator's account
 * @param models where the BPMN, DMN and form files are read from at start-up
 * @param rules how the Java code's decisions follow new versions of the tables
 * @param history what of the engine's history is written beyond its history level
 */
@ConfigurationProperties("recert")
public record RecertProperties(
    @DefaultValue("America/New_York") ZoneId zone,
    @DefaultValue Admin admin,
    @DefaultValue Models models,
    @DefaultValue Rules rules,
    @DefaultValue History history) {

  /** @param userId id of the first administrator; @param password empty: generate one at first start */
  public record Admin(@DefaultValue("admin") String userId, String password) {}

  /**
   * @param directory a folder holding {@code processes/}, {@code decisions/} and {@code forms/}; empty means
   *     the working directory when those folders are there, otherwise the copies inside the jar
   */
  public record Models(@DefaultValue("") String directory) {}

  /**
   * @param refresh longest time a node keeps evaluating a decision version after another node deployed a newer
   *     one (a deployment on the node itself takes effect at once)
   * @param resultsKept how many different inputs' results of each table version are kept, so that the same question
   *     is not evaluated again (0: evaluate every question)
   */
  public record Rules(@DefaultValue("PT5S") java.time.Duration refresh,
      @DefaultValue("" + LatestDecisions.DEFAULT_RESULTS_KEPT) int resultsKept) {}

  /**
   * @param variableDetails whether every change of a process variable is kept as a row of its own
   *     ({@code ACT_HI_DETAIL}) besides the variable's latest value ({@code ACT_HI_VARINST}); off by default
   *     (config/HistoryWithoutVariableDetails, docs/performance.md)
   * @param workingVariables whether the history of the renewal's working variables is kept (the task forms' copies
   *     of domain data and the e-mail counter, RenewalVariables.WORKING); off by default. Only with variableDetails
   *     off: with it on, the engine's own writer keeps every variable's history.
   */
  public record History(@DefaultValue("false") boolean variableDetails,
      @DefaultValue("false") boolean workingVariables) {}
}
