package org.namss.recert.renewal;

import org.namss.recert.config.NonRetryable;

/**
 * A renewal instance that is not the one of its certificant's renewal case (the case names another process instance,
 * or there is none) reached a step that changes the certification (lapse, expiry): the step refuses, and the job's
 * incident shows this message in Cockpit at once ({@link NonRetryable}: a retry cannot mend it). Such an instance was
 * started beside the real renewal (before 2026-12 the start form through the engine's REST API did not refuse a
 * renewal already open); operations cancel it. The certification, its badge and the certificant's mail are untouched.
 */
public class StrayRenewalException extends RuntimeException implements NonRetryable {

  public StrayRenewalException(String message) {
    super(message);
  }
}
