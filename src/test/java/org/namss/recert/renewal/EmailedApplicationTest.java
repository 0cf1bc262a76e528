package org.namss.recert.renewal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.namss.recert.application.ApplicationStatus;
import org.namss.recert.application.RecertApplication;
import org.namss.recert.application.RecertApplicationRepository;
import org.namss.recert.billing.Invoice;
import org.namss.recert.billing.InvoiceStatus;
import org.namss.recert.calendar.TimeTravelTest;
import org.namss.recert.certificant.Certificant;
import org.namss.recert.certificant.CertificationStatus;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Applications that came by e-mail, keyed in by staff with the day they arrived (R8), and what becomes of an
 * application and its invoice that the lapse or the expiry overtakes (R25, R27).
 */
class EmailedApplicationTest extends TimeTravelTest {

  static final int YEAR = 2026;

  @Autowired RecertApplicationRepository applications;

  private String openOnFirstOfAugust(Certificant certificant) {
    setClock(LocalDate.of(YEAR, 8, 1).atTime(6, 0));
    String pid = renewals.open(certificant.getId(), YEAR).orElseThrow();
    executeDueJobs(pid);
    return pid;
  }

  /** Staff submit Tasklist's start form of a process with what they typed. */
  private ProcessInstance startForm(String processKey, Certificant certificant, String receivedOn) {
    Map<String, Object> form = new HashMap<>();
    form.put("certificantNumber", certificant.getNumber());
    form.put("renewalYear", (long) YEAR);
    form.put("submittedOn", receivedOn);
    return engine.getFormService().submitStartForm(engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey(processKey).latestVersion().singleResult().getId(), form);
  }

  private ProcessInstance emailed(Certificant certificant, String receivedOn) {
    return startForm("EmailedApplicationProcess", certificant, receivedOn);
  }

  private static List<String> lines(Invoice invoice) {
    return invoice.getLines().stream().map(l -> l.getFeeCode() + "=" + l.getAmount().toPlainString()).toList();
  }

  @Test
  @DisplayName("R8: an application e-mailed on 1 Dec and keyed in on 2 Dec is handed to the open renewal as of 1 Dec: "
      + "no late fee")
  void emailedOnTimeKeyedLateIsOnTime() {
    Certificant ema = fixtures.cpcs("Ema", "Iled", YEAR);
    fixtures.enoughForSingle(ema, YEAR);
    String renewalPid = openOnFirstOfAugust(ema);
    setClock(LocalDate.of(YEAR, 12, 2).atTime(9, 0));

    ProcessInstance recorded = emailed(ema, YEAR + "-12-01");
    executeDueJobs(renewalPid);
    assertThat(recorded).isEnded().hasPassedInOrder("ServiceTask_HandToRenewal", "EndEvent_HandedToRenewal");
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(recorded.getId())
        .variableName("renewalProcessInstanceId").singleResult().getValue()).isEqualTo(renewalPid);
    assertThat(engine.getRuntimeService().getVariable(renewalPid, "submissionTiming")).isEqualTo("ON_TIME");
    assertThat(lines(onlyInvoice(ema))).containsExactly("RECERTIFICATION_FEE=175.00");
    assertThat(instance(renewalPid)).isWaitingAt("UserTask_RecordCheckPayment");
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(RenewalService.PROCESS_KEY)
        .processInstanceBusinessKey(ema.getNumber() + "-" + YEAR).count()).as("no second renewal").isEqualTo(1);
    assertThat(applications.findByCertificantIdOrderByIdAsc(ema.getId()))
        .singleElement().satisfies(a -> assertThat(a.getProcessInstanceId()).isEqualTo(renewalPid));

    assertThatThrownBy(() -> emailed(ema, YEAR + "-12-01")).isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("was already submitted on");
  }

  @Test
  @DisplayName("Tasklist offers staff one way to record an e-mailed application: this process, not the renewal's own")
  void tasklistStartsThisProcessNotTheRenewal() {
    assertThat(engine.getRepositoryService().createProcessDefinitionQuery().startableInTasklist().latestVersion()
        .list()).extracting(d -> d.getKey()).contains("EmailedApplicationProcess", "ExtensionProcess")
        .doesNotContain(RenewalService.PROCESS_KEY);
  }

  @Test
  @DisplayName("R8: an application received on 10 Dec carries the late fee; a renewal never opened is opened by it")
  void emailedLateOpensANeverOpenedRenewal() {
    setClock(LocalDate.of(YEAR, 12, 11).atTime(9, 0));
    Certificant lou = fixtures.cpcs("Lou", "Late", YEAR); // added after the opening
    fixtures.enoughForSingle(lou, YEAR);

    emailed(lou, YEAR + "-12-10");
    RenewalCase renewal = cases.findByCertificantIdAndRenewalYear(lou.getId(), YEAR).orElseThrow();
    executeDueJobs(renewal.getProcessInstanceId());
    assertThat(renewal.getPhase()).isEqualTo(RenewalPhase.SUBMITTED);
    assertThat(lines(onlyInvoice(lou))).containsExactly("RECERTIFICATION_FEE=175.00", "LATE_FEE=50.00");
  }

  @Test
  @DisplayName("R1a, R25: a day after today, or before the application opens, is refused on the form; nothing is "
      + "recorded, the certificant stays in good standing")
  void refusedDaysRecordNothing() {
    Certificant fu = fixtures.cpcs("Fu", "Ture", YEAR);
    String renewalPid = openOnFirstOfAugust(fu);
    setClock(LocalDate.of(YEAR, 12, 5).atTime(9, 0));

    assertThatThrownBy(() -> emailed(fu, (YEAR + 1) + "-01-05")).isInstanceOf(FormFieldValidationException.class)
        .hasMessage("The application cannot have been received on 2027-01-05, after today");
    assertThatThrownBy(() -> emailed(fu, YEAR + "-07-20")).isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("opens on 2026-08-01 (R1a)");
    assertThat(applications.findByCertificantIdOrderByIdAsc(fu.getId())).isEmpty();
    assertThat(instance(renewalPid)).isWaitingAt("EventGateway_AwaitApplication");
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey("EmailedApplicationProcess").variableValueEquals("certificantNumber", fu.getNumber())
        .count()).as("nothing started").isZero();
  }

  @Test
  @DisplayName("R25: the renewal's own start form refuses a day after today instead of starting it lapsed")
  void renewalStartFormRefusesAFutureDay() {
    setClock(LocalDate.of(YEAR, 12, 5).atTime(9, 0));
    Certificant typo = fixtures.cpcs("Ty", "Po", YEAR); // never opened

    assertThatThrownBy(() -> startForm(RenewalService.PROCESS_KEY, typo, (YEAR + 1) + "-01-05"))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessage("The application cannot have been received on 2027-01-05, after today");
    assertThat(status(typo)).isEqualTo(CertificationStatus.ACTIVE);
    assertThat(cases.findByCertificantIdAndRenewalYear(typo.getId(), YEAR)).isEmpty();
    assertThat(applications.findByCertificantIdOrderByIdAsc(typo.getId())).isEmpty();
  }

  @Test
  @DisplayName("R25: on the lapse, an application still unpaid is NOT_COMPLETED and its invoice void (409 to pay)")
  void lapseClosesTheUnpaidApplication() {
    Certificant ina = fixtures.cpcs("Ina", "Voice", YEAR);
    fixtures.enoughForSingle(ina, YEAR);
    String pid = openOnFirstOfAugust(ina);
    travelTo(pid, LocalDate.of(YEAR, 12, 10));
    RecertApplication application = renewals.submit(ina, YEAR);
    executeDueJobs(pid);
    Invoice invoice = onlyInvoice(ina);
    assertThat(invoice.getTotal()).isEqualByComparingTo("225.00");

    travelTo(pid, midnight(LocalDate.of(YEAR + 1, 1, 1)).plusMinutes(1));
    assertThat(status(ina)).isEqualTo(CertificationStatus.LAPSED);
    assertThat(billing.invoice(invoice.getId()).getStatus()).isEqualTo(InvoiceStatus.VOID);
    RecertApplication closed = applications.findById(application.getId()).orElseThrow();
    assertThat(closed.getStatus()).isEqualTo(ApplicationStatus.NOT_COMPLETED);
    assertThat(closed.getDecisionNote()).isEqualTo("Not complete (CE and payment) by its deadline: the "
        + "certification lapsed (R25).");
    assertThatThrownBy(() -> payByCard(ina, invoice)).hasMessageContaining("VOID");
  }

  @Test
  @DisplayName("R26, R27: a reinstatement still unpaid on 1 Jul is NOT_COMPLETED and its invoice void")
  void expiryClosesTheUnpaidReinstatement() {
    Certificant rex = fixtures.cpcs("Rex", "Pired", YEAR);
    String pid = openOnFirstOfAugust(rex);
    travelTo(pid, midnight(LocalDate.of(YEAR + 1, 1, 1)).plusMinutes(1));
    assertThat(status(rex)).isEqualTo(CertificationStatus.LAPSED);
    fixtures.enoughForSingle(rex, YEAR);
    travelTo(pid, LocalDate.of(YEAR + 1, 6, 20));
    RecertApplication reinstatement = renewals.submit(rex, YEAR);
    executeDueJobs(pid);
    Invoice invoice = onlyInvoice(rex);

    travelTo(pid, midnight(LocalDate.of(YEAR + 1, 7, 1)).plusMinutes(1));
    assertThat(status(rex)).isEqualTo(CertificationStatus.EXPIRED);
    assertThat(billing.invoice(invoice.getId()).getStatus()).isEqualTo(InvoiceStatus.VOID);
    assertThat(applications.findById(reinstatement.getId()).orElseThrow().getStatus())
        .isEqualTo(ApplicationStatus.NOT_COMPLETED);
  }
}
