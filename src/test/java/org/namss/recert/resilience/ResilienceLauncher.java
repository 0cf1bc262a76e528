package org.namss.recert.resilience;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.namss.recert.RecertificationApplication;

/**
 * Starts the real application in a JVM of its own, for the resilience tests. The only addition: the engine clock
 * (the product's one clock, see TimeSource) runs {@code recert.test.clock-offset-ms} ahead of the system clock, so
 * that every node and every restart of a test lives on the same date in the renewal season whatever day the test
 * runs. Time still moves: timers, lock expiry and retries behave as in production.
 */
public final class ResilienceLauncher {

  private ResilienceLauncher() {}

  public static void main(String[] args) {
    String offset = System.getProperty("recert.test.clock-offset-ms");
    if (offset != null) {
      ClockUtil.offset(Long.parseLong(offset));
    }
    RecertificationApplication.main(args);
  }
}
