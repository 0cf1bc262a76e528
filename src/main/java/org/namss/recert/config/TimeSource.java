package org.namss.recert.config;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * The one clock of the product: the engine's, so that timers, due dates and the domain's dates move together
 * (tests move it through a whole year). Calendar dates are dates in the association's zone.
 */
@Component
public class TimeSource {

  private final ZoneId zone;

  public TimeSource(RecertProperties properties) {
    this.zone = properties.zone();
  }

  public Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  public LocalDate today() {
    return LocalDate.ofInstant(now(), zone);
  }

  public LocalDateTime localNow() {
    return LocalDateTime.ofInstant(now(), zone);
  }

  public ZoneId zone() {
    return zone;
  }

  /** The start of a calendar date in the association's zone, as an instant (for timers). */
  public Instant startOf(LocalDate date) {
    return date.atStartOfDay(zone).toInstant();
  }

  /**
   * A time of day on a calendar date in the association's zone: 09:00 is 09:00 there also on the days daylight
   * saving time starts or ends, which the start of the day plus 9 hours is not.
   */
  public ZonedDateTime at(LocalDate date, LocalTime timeOfDay) {
    return date.atTime(timeOfDay).atZone(zone);
  }

  /** The last calendar date of a wait that ends at {@code end}, the start of the next day ({@link #startOf}). */
  public LocalDate lastDayBefore(Instant end) {
    return LocalDate.ofInstant(end, zone).minusDays(1);
  }
}
