package org.namss.recert.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("DecisionValues - conversion of decision results to the facade's types")
class DecisionValuesTest {

    @Test
    @DisplayName("numbers become exact BigDecimals: a double is taken as the decimal it was written as")
    void numbers() {
        assertThat(DecisionValues.toBigDecimal(30L, "n")).isEqualTo(new BigDecimal("30"));
        assertThat(DecisionValues.toBigDecimal(25, "n")).isEqualTo(new BigDecimal("25"));
        assertThat(DecisionValues.toBigDecimal(22.5d, "n")).isEqualTo(new BigDecimal("22.5"));
        assertThat(DecisionValues.toBigDecimal(0.1d, "n")).isEqualTo(new BigDecimal("0.1"));
        assertThat(DecisionValues.toBigDecimal(new BigDecimal("175.50"), "n")).isEqualTo(new BigDecimal("175.50"));
        assertThat(DecisionValues.toBigDecimal("45", "n")).isEqualTo(new BigDecimal("45"));
        assertThatThrownBy(() -> DecisionValues.toBigDecimal(null, "amount")).hasMessageContaining("amount");
        assertThatThrownBy(() -> DecisionValues.toBigDecimal(Double.NaN, "amount")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("money keeps cents and is never rounded")
    void money() {
        assertThat(DecisionValues.toMoney(50L, "a")).isEqualTo(new BigDecimal("50.00"));
        assertThat(DecisionValues.toMoney(175.0d, "a")).isEqualTo(new BigDecimal("175.00"));
        assertThat(DecisionValues.toMoney(172.5d, "a")).isEqualTo(new BigDecimal("172.50"));
        assertThat(DecisionValues.toMoney(new BigDecimal("1.125"), "a")).isEqualTo(new BigDecimal("1.125"));
    }

    @Test
    @DisplayName("dates: FEEL date, date-time, zoned date-time and ISO strings")
    void dates() {
        LocalDate day = LocalDate.of(2026, 12, 1);
        assertThat(DecisionValues.toLocalDate(day, "d")).isEqualTo(day);
        assertThat(DecisionValues.toLocalDate(day.atTime(17, 0), "d")).isEqualTo(day);
        assertThat(DecisionValues.toLocalDate(ZonedDateTime.of(day.atTime(17, 0), ZoneId.of("America/New_York")), "d"))
                .isEqualTo(day);
        assertThat(DecisionValues.toLocalDate("2026-12-01", "d")).isEqualTo(day);
        assertThat(DecisionValues.toLocalDate("2026-12-01T17:00:00", "d")).isEqualTo(day);
        assertThatThrownBy(() -> DecisionValues.toLocalDate(20261201, "onTimeDeadline")).hasMessageContaining("onTimeDeadline");
    }

    @Test
    @DisplayName("date-times: FEEL local date-time, zoned date-time (local part) and ISO strings")
    void dateTimes() {
        LocalDateTime cutoff = LocalDateTime.of(2026, 12, 1, 17, 0);
        assertThat(DecisionValues.toLocalDateTime(cutoff, "t")).isEqualTo(cutoff);
        assertThat(DecisionValues.toLocalDateTime(cutoff.atZone(ZoneId.of("America/New_York")), "t")).isEqualTo(cutoff);
        assertThat(DecisionValues.toLocalDateTime("2026-12-01T17:00:00", "t")).isEqualTo(cutoff);
        assertThat(DecisionValues.toLocalDateTime("2026-12-01T17:00:00-05:00[America/New_York]", "t")).isEqualTo(cutoff);
        assertThatThrownBy(() -> DecisionValues.toLocalDateTime("tomorrow", "t")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("decision inputs lose trailing zeros (30.00 -> 30, 2.50 -> 2.5), never their value")
    void decisionNumbers() {
        assertThat(DecisionValues.toDecisionNumber(new BigDecimal("30.00")).toString()).isEqualTo("30");
        assertThat(DecisionValues.toDecisionNumber(new BigDecimal("300")).toString()).isEqualTo("300");
        assertThat(DecisionValues.toDecisionNumber(new BigDecimal("22.50")).toString()).isEqualTo("22.5");
        assertThat(DecisionValues.toDecisionNumber(null)).isNull();
    }
}
