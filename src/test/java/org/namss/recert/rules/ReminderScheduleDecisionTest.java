package org.namss.recert.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDate;
import java.util.List;

import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(DecisionEngineExtension.class)
@DisplayName("reminderSchedule - courtesy notices of the renewal calendar (R8, R23)")
class ReminderScheduleDecisionTest {

    private final DecisionService decisionService;
    private final DecisionRules rules;

    ReminderScheduleDecisionTest(DecisionService decisionService, DecisionRules rules) {
        this.decisionService = decisionService;
        this.rules = rules;
    }

    @Test
    @DisplayName("raw COLLECT result: reminderDate as LocalDate and reminderKind, one row per notice")
    void rawResult() {
        DmnDecisionResult result = decisionService.evaluateDecisionByKey("reminderSchedule")
                .variables(Variables.fromMap(rules.renewalCalendar(2026).asInputs()).putValue("renewalYear", 2026))
                .evaluate();

        assertThat(result).allSatisfy(row -> assertThat(row.getEntryMap()).containsOnlyKeys("reminderDate", "reminderKind"));
        assertThat(result).extracting(row -> row.getEntry("reminderDate"), row -> row.getEntry("reminderKind"))
                .containsExactly(
                        tuple(LocalDate.of(2026, 10, 2), "COURTESY_REMINDER"),   // R23: 60 days before 1 Dec
                        tuple(LocalDate.of(2026, 11, 1), "COURTESY_REMINDER"),   // R23: 30 days before
                        tuple(LocalDate.of(2026, 11, 24), "COURTESY_REMINDER"),  // R23: 7 days before
                        tuple(LocalDate.of(2026, 12, 2), "LATE_FEE_NOTICE"));    // R8: late fee from 2 Dec
    }

    @Test
    @DisplayName("facade: reminders in date order")
    void facade() {
        assertThat(rules.reminders(2026)).containsExactly(
                new Reminder(LocalDate.of(2026, 10, 2), Reminder.COURTESY_REMINDER),
                new Reminder(LocalDate.of(2026, 11, 1), Reminder.COURTESY_REMINDER),
                new Reminder(LocalDate.of(2026, 11, 24), Reminder.COURTESY_REMINDER),
                new Reminder(LocalDate.of(2026, 12, 2), Reminder.LATE_FEE_NOTICE));
    }

    @ParameterizedTest(name = "renewal year {0}")
    @DisplayName("R8 / R23: the notices count from renewalCalendar.onTimeDeadline (60, 30, 7 days before; the day after)")
    @ValueSource(ints = {2025, 2026, 2027, 2028, 2029})
    void agreesWithRenewalCalendar(int year) {
        RenewalCalendar calendar = rules.renewalCalendar(year);
        LocalDate deadline = calendar.onTimeDeadline();

        List<Reminder> reminders = rules.reminders(year);

        assertThat(reminders).containsExactly(
                new Reminder(deadline.minusDays(60), Reminder.COURTESY_REMINDER),
                new Reminder(deadline.minusDays(30), Reminder.COURTESY_REMINDER),
                new Reminder(deadline.minusDays(7), Reminder.COURTESY_REMINDER),
                new Reminder(deadline.plusDays(1), Reminder.LATE_FEE_NOTICE));
        assertThat(reminders).allSatisfy(reminder -> assertThat(reminder.date())
                .isAfterOrEqualTo(calendar.applicationOpens())
                .isBeforeOrEqualTo(calendar.lateDeadline()));
    }
}
