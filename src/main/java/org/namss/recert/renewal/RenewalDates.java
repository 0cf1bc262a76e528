package org.namss.recert.renewal;

import java.time.LocalDate;
import java.util.Date;
import org.namss.recert.config.TimeSource;
import org.namss.recert.rules.DecisionRules;
import org.springframework.stereotype.Component;

/**
 * The moments a renewal's timers wait for, read from the {@code renewalCalendar} table of the renewal year when the
 * timer is created (the models' timer expressions, e.g. {@code ${renewalDates.lapseAt(renewalYear)}}): 00:00 in the
 * association's time zone on the day the rule takes effect. So a calendar that analysts correct reaches every timer
 * created after the deployment, and a renewal does not carry copies of the table's dates as process variables (each
 * was a runtime row and a history row per renewal, docs/performance.md).
 */
@Component("renewalDates")
public class RenewalDates {

  private final DecisionRules rules;
  private final TimeSource time;

  public RenewalDates(DecisionRules rules, TimeSource time) {
    this.rules = rules;
    this.time = time;
  }

  /** R25: a renewal still waiting for its application lapses at the start of the lapse date (1 January N+1). */
  public Date lapseAt(int renewalYear) {
    return startOf(rules.renewalCalendar(renewalYear).lapseDate());
  }

  /** R21: an extended renewal lapses at the end of the extension deadline (00:00 on 2 June N+1). */
  public Date extensionLapseAt(int renewalYear) {
    return startOf(rules.renewalCalendar(renewalYear).extensionDeadline().plusDays(1));
  }

  /** R26, R27: a lapsed certification expires at the end of the reinstatement deadline (00:00 on 1 July N+1). */
  public Date expiryAt(int renewalYear) {
    return startOf(rules.renewalCalendar(renewalYear).reinstatementDeadline().plusDays(1));
  }

  /**
   * The deadline of a submitted application, which the application's timers wait for: complete and paid by the lapse
   * date (R25), for an extended renewal by the extension's end (R21), for a reinstatement by the reinstatement
   * deadline (R26, R27).
   */
  public Date completionDeadline(int renewalYear, boolean extensionGranted, boolean reinstating) {
    if (reinstating) {
      return expiryAt(renewalYear);
    }
    return extensionGranted ? extensionLapseAt(renewalYear) : lapseAt(renewalYear);
  }

  /**
   * R16, R25-R27 (decided): when the changes a reviewer asked for are due, which the wait for them ends at: the end of
   * the {@code changesDueDays}-th day (reviewDeadlines) after today, the day staff ask; or the renewal's own deadline
   * ({@link #completionDeadline}) if that is later; never after the end of the reinstatement period, after which no
   * renewal or reinstatement completes (R27). Then the certification lapses, or a reinstatement's expires.
   */
  public Date changesDeadline(int renewalYear, boolean extensionGranted, boolean reinstating) {
    Integer days = rules.reviewDeadlines(PaymentReceived.reviewKind(reinstating)).changesDueDays();
    if (days == null) {
      throw new IllegalStateException("The decision table reviewDeadlines has no changesDueDays output, which says "
          + "when the changes a reviewer asks for are due: deploy a version with it (docs/analysts.md)");
    }
    Date asked = startOf(time.today().plusDays(days + 1L));
    Date own = completionDeadline(renewalYear, extensionGranted, reinstating);
    Date due = asked.after(own) ? asked : own;
    Date last = expiryAt(renewalYear);
    return due.after(last) ? last : due;
  }

  private Date startOf(LocalDate day) {
    return Date.from(time.startOf(day)); // the engine's timers take a java.util.Date
  }
}
