package org.namss.recert.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.namss.recert.calendar.TimeTravelTest;
import org.namss.recert.certificant.Certificant;

/** R16: the review's due date and escalation are calendar days after the fee, in the association's time zone. */
class ReviewDueDatesTest extends TimeTravelTest {

  static final int YEAR = 2026;

  @Test
  @DisplayName("R16: a fee received at 10:00 on 20 Oct: due at 10:00 on 10 Nov, escalated at 10:00 on 17 Nov, though "
      + "daylight saving time ends between")
  void dueDatesKeepTheTimeOfDayAcrossDaylightSavingTime() {
    setClock(LocalDate.of(YEAR, 7, 1).atTime(9, 0));
    Certificant dot = fixtures.cpcs("Dot", "Daylight", YEAR);
    fixtures.enoughForSingle(dot, YEAR);
    setClock(LocalDateTime.of(YEAR, 10, 20, 9, 0));
    String pid = renewals.open(dot.getId(), YEAR).orElseThrow();
    executeDueJobs(pid);
    renewals.submit(dot, YEAR);
    executeDueJobs(pid);
    setClock(LocalDateTime.of(YEAR, 10, 20, 10, 0));
    payByCard(dot, onlyInvoice(dot));
    executeDueJobs(pid);

    assertThat(LocalDateTime.ofInstant(task(pid, "UserTask_ReviewApplication").getDueDate().toInstant(), ZONE))
        .isEqualTo(LocalDateTime.of(YEAR, 11, 10, 10, 0));
    assertThat(timerDates(pid)).contains(LocalDateTime.of(YEAR, 11, 17, 10, 0));
  }
}
