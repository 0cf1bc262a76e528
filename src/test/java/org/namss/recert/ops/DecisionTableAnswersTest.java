package org.namss.recert.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.camunda.bpm.engine.BadUserRequestException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The deploy check asks a new version of feeSchedule, creditRequirement, reviewDeadlines, renewalCalendar and
 * certificationCycle every question the product asks it, and refuses a table that parses but answers wrongly (no
 * answer, several answers, wrong type, no recertification fee, a non-positive amount, dates out of order). Runs the
 * check as the engine's pre-deployer does, on the file's bytes, without an engine (the DMN engine's defaults: FEEL).
 */
class DecisionTableAnswersTest {

  final DecisionTableCheck check = new DecisionTableCheck();

  static Stream<Path> shippedTables() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("decisions"))) {
      return files.filter(f -> f.toString().endsWith(".dmn")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shippedTables")
  @DisplayName("R1a-R28: every shipped table in decisions/ answers every question and is accepted")
  void shippedTablesAreAccepted(Path file) throws IOException {
    byte[] dmn = Files.readAllBytes(file);
    assertThatCode(() -> check.check("decisions/" + file.getFileName(), dmn)).doesNotThrowAnyException();
  }

  // ---- feeSchedule (R8, R20, R26, R28) ----

  @Test
  @DisplayName("R28: feeSchedule whose CPMSM row has the typo \"CPMS\" is refused: no recertification fee for CPMSM")
  void feeScheduleWithoutCpmsmRecertificationFee() throws IOException {
    String message = refused("feeSchedule.dmn",
        "<inputEntry id=\"InputEntry_RecertificationFee_CPMSM_type\"><text>\"CPMSM\"</text></inputEntry>",
        "<inputEntry id=\"InputEntry_RecertificationFee_CPMSM_type\"><text>\"CPMS\"</text></inputEntry>");
    assertThat(message).contains("decision 'feeSchedule'")
        .contains("question (purpose RECERTIFICATION, timing LATE, certification CPMSM): no RECERTIFICATION_FEE line")
        .contains("question (purpose RECERTIFICATION, timing ON_TIME, certification CPMSM): no answer")
        .doesNotContain("certification CPCS)").doesNotContain("certification DUAL)");
  }

  @Test
  @DisplayName("R28: feeSchedule with a text amount (the amount column's type changed to string) is refused")
  void feeScheduleTextAmount() throws IOException {
    String message = refused("feeSchedule.dmn",
        "<output id=\"Output_amount\" label=\"Amount (USD)\" name=\"amount\" typeRef=\"double\" />",
        "<output id=\"Output_amount\" label=\"Amount (USD)\" name=\"amount\" typeRef=\"string\" />");
    assertThat(message).contains("decision 'feeSchedule'")
        .contains("wrong type: 'amount' is the text \"175\" where a number is expected");
  }

  @Test
  @DisplayName("R28: feeSchedule with a late fee that is not a number (\"fifty\" in a double column) is refused")
  void feeScheduleAmountThatIsNoNumber() throws IOException {
    String message = refused("feeSchedule.dmn",
        "<outputEntry id=\"OutputEntry_LateFee_amount\"><text>50</text></outputEntry>",
        "<outputEntry id=\"OutputEntry_LateFee_amount\"><text>\"fifty\"</text></outputEntry>");
    assertThat(message).contains("question (purpose RECERTIFICATION, timing LATE, certification CPCS)")
        .contains("fifty");
  }

  @Test
  @DisplayName("R28: feeSchedule with a reinstatement fee of 0 is refused (not a positive amount)")
  void feeScheduleZeroAmount() throws IOException {
    String message = refused("feeSchedule.dmn",
        "<outputEntry id=\"OutputEntry_ReinstatementFee_amount\"><text>100</text></outputEntry>",
        "<outputEntry id=\"OutputEntry_ReinstatementFee_amount\"><text>0</text></outputEntry>");
    assertThat(message)
        .contains("question (purpose RECERTIFICATION, timing REINSTATEMENT, certification CPCS): the amount of "
            + "REINSTATEMENT_FEE is 0.0, not a positive amount");
  }

  @Test
  @DisplayName("R28: feeSchedule whose CPCS fee row also matches DUAL gives a dual renewal two recertification fees")
  void feeScheduleTwoRecertificationFees() throws IOException {
    String message = refused("feeSchedule.dmn",
        "<inputEntry id=\"InputEntry_RecertificationFee_CPCS_type\"><text>\"CPCS\"</text></inputEntry>",
        "<inputEntry id=\"InputEntry_RecertificationFee_CPCS_type\"><text>\"CPCS\",\"DUAL\"</text></inputEntry>");
    assertThat(message).contains("certification DUAL): 2 RECERTIFICATION_FEE lines where one is expected");
  }

  @Test
  @DisplayName("R8: feeSchedule without the late fee row is refused (the renewal e-mails state the late fee)")
  void feeScheduleWithoutLateFee() throws IOException {
    String message = refused("feeSchedule.dmn",
        "<inputEntry id=\"InputEntry_LateFee_timing\"><text>\"LATE\"</text></inputEntry>",
        "<inputEntry id=\"InputEntry_LateFee_timing\"><text>\"TOO_EARLY\"</text></inputEntry>");
    assertThat(message).contains("timing LATE, certification CPCS): no LATE_FEE line");
  }

  @Test
  @DisplayName("R20: feeSchedule without the extension fee for a dual certificant is refused")
  void feeScheduleWithoutExtensionFee() throws IOException {
    String message = refused("feeSchedule.dmn",
        "<inputEntry id=\"InputEntry_ExtensionFee_type\"><text>-</text></inputEntry>",
        "<inputEntry id=\"InputEntry_ExtensionFee_type\"><text>\"CPCS\",\"CPMSM\"</text></inputEntry>");
    assertThat(message).contains("question (purpose EXTENSION, certification DUAL): no answer");
  }

  // ---- creditRequirement (R5, R6) ----

  @Test
  @DisplayName("R5: creditRequirement whose CPMSM row has the typo \"CPMS\" is refused: no answer for CPMSM")
  void creditRequirementWithoutCpmsm() throws IOException {
    String message = refused("creditRequirement.dmn",
        "<inputEntry id=\"InputEntry_CPMSM_type\"><text>\"CPMSM\"</text></inputEntry>",
        "<inputEntry id=\"InputEntry_CPMSM_type\"><text>\"CPMS\"</text></inputEntry>");
    assertThat(message).contains("decision 'creditRequirement', question (certification CPMSM, first-time dual "
        + "false): no answer (no rule matches)");
  }

  @Test
  @DisplayName("R5, R6: creditRequirement whose dual row also matches a first-time dual is refused: two answers")
  void creditRequirementTwoAnswersForFirstTimeDual() throws IOException {
    String message = refused("creditRequirement.dmn",
        "<inputEntry id=\"InputEntry_Dual_firstTimeDual\"><text>false, null</text></inputEntry>",
        "<inputEntry id=\"InputEntry_Dual_firstTimeDual\"><text>-</text></inputEntry>");
    assertThat(message).contains("question (certification DUAL, first-time dual true): several answers where one is "
        + "expected").contains("Rule_Dual").contains("Rule_FirstTimeDual");
  }

  @Test
  @DisplayName("R5: creditRequirement with the approved minimum above the total is refused")
  void creditRequirementApprovedAboveTotal() throws IOException {
    String message = refused("creditRequirement.dmn",
        "<outputEntry id=\"OutputEntry_CPCS_approved\"><text>15</text></outputEntry>",
        "<outputEntry id=\"OutputEntry_CPCS_approved\"><text>35</text></outputEntry>");
    assertThat(message).contains("certification CPCS, first-time dual false): requiredApprovedCredits 35 is more than"
        + " requiredTotalCredits 30");
  }

  // ---- reviewDeadlines (R16) ----

  @Test
  @DisplayName("R16, R26: reviewDeadlines with no row for REINSTATEMENT is refused")
  void reviewDeadlinesWithoutReinstatement() throws IOException {
    String message = refused("reviewDeadlines.dmn",
        "<inputEntry id=\"InputEntry_AnyApplication_kind\"><text>-</text></inputEntry>",
        "<inputEntry id=\"InputEntry_AnyApplication_kind\"><text>\"RECERTIFICATION\",\"EXTENSION\"</text>"
            + "</inputEntry>");
    assertThat(message).contains("decision 'reviewDeadlines', question (application kind REINSTATEMENT): no answer")
        .doesNotContain("application kind RECERTIFICATION");
  }

  @Test
  @DisplayName("R16: reviewDeadlines that escalates (14 days) before the review is due (21 days) is refused")
  void reviewDeadlinesEscalationBeforeDue() throws IOException {
    String message = refused("reviewDeadlines.dmn",
        "<outputEntry id=\"OutputEntry_AnyApplication_escalate\"><text>28</text></outputEntry>",
        "<outputEntry id=\"OutputEntry_AnyApplication_escalate\"><text>14</text></outputEntry>");
    assertThat(message).contains("escalateDays 14 is before reviewDueDays 21");
  }

  // ---- renewalCalendar (R1a, R8, R21, R25, R26) ----

  @Test
  @DisplayName("R8, R25: renewalCalendar with a lapse date (15 Dec) before the late deadline (31 Dec) is refused")
  void renewalCalendarLapseBeforeLateDeadline() throws IOException {
    String message = refused("renewalCalendar.dmn",
        "<outputEntry id=\"OutputEntry_lapseDate\"><text>date(renewalYear + 1, 1, 1)</text></outputEntry>",
        "<outputEntry id=\"OutputEntry_lapseDate\"><text>date(renewalYear, 12, 15)</text></outputEntry>");
    assertThat(message).contains("decision 'renewalCalendar', question (renewal year ")
        .containsPattern("dates out of order: lapseDate \\d{4}-12-15 is before lateDeadline \\d{4}-12-31");
  }

  @Test
  @DisplayName("R8: renewalCalendar with a text date (\"2026-12-01\") instead of a FEEL date is refused")
  void renewalCalendarTextDate() throws IOException {
    String message = refused("renewalCalendar.dmn",
        "<outputEntry id=\"OutputEntry_onTimeDeadline\"><text>date(renewalYear, 12, 1)</text></outputEntry>",
        "<outputEntry id=\"OutputEntry_onTimeDeadline\"><text>\"2026-12-01\"</text></outputEntry>");
    assertThat(message).contains("wrong type: 'onTimeDeadline' is the text \"2026-12-01\" where a date");
  }

  @Test
  @DisplayName("R3, R25: renewalCalendar answering only renewal years up to 2020 is refused for the years asked")
  void renewalCalendarForPastYearsOnly() throws IOException {
    String message = refused("renewalCalendar.dmn",
        "<inputEntry id=\"InputEntry_RenewalYear_year\"><text>-</text></inputEntry>",
        "<inputEntry id=\"InputEntry_RenewalYear_year\"><text>&lt;= 2020</text></inputEntry>");
    assertThat(message).containsPattern("question \\(renewal year 20[2-9]\\d\\): no answer");
  }

  // ---- certificationCycle (R3) ----

  @Test
  @DisplayName("R3: certificationCycle of 0 years is refused")
  void certificationCycleOfZeroYears() throws IOException {
    String message = refused("certificationCycle.dmn",
        "<outputEntry id=\"OutputEntry_ThreeYearCycle_years\"><text>3</text></outputEntry>",
        "<outputEntry id=\"OutputEntry_ThreeYearCycle_years\"><text>0</text></outputEntry>");
    assertThat(message).contains("decision 'certificationCycle', question (certification CPCS): cycleYears is 0, "
        + "not a whole positive number of years");
  }

  @Test
  @DisplayName("R3: certificationCycle with the typo \"CPMS\" is refused: no answer for CPMSM")
  void certificationCycleWithoutCpmsm() throws IOException {
    String message = refused("certificationCycle.dmn",
        "<inputEntry id=\"InputEntry_ThreeYearCycle_type\"><text>\"CPCS\",\"CPMSM\"</text></inputEntry>",
        "<inputEntry id=\"InputEntry_ThreeYearCycle_type\"><text>\"CPCS\",\"CPMS\"</text></inputEntry>");
    assertThat(message).contains("question (certification CPMSM): no answer");
  }

  // ---- helpers ----

  /** The message of the refusal of the shipped file with one text replaced. */
  private String refused(String file, String from, String to) throws IOException {
    String shipped = Files.readString(Path.of("decisions", file), StandardCharsets.UTF_8);
    assertThat(shipped).as(file).contains(from);
    byte[] changed = shipped.replace(from, to).getBytes(StandardCharsets.UTF_8);
    Throwable refusal = catchThrowable(() -> check.check("decisions/" + file, changed));
    assertThat(refusal).as("check of %s with %s", file, to).isInstanceOf(BadUserRequestException.class);
    assertThat(refusal.getMessage()).startsWith("Decision table check refused 'decisions/" + file + "'")
        .contains("nothing was deployed");
    return refusal.getMessage();
  }

}
