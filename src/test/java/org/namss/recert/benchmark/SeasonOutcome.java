package org.namss.recert.benchmark;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.namss.recert.benchmark.RenewalSeason.Member;
import org.namss.recert.benchmark.RenewalSeason.Scenario;
import org.namss.recert.billing.BillingService;
import org.namss.recert.billing.Invoice;
import org.namss.recert.certificant.Certificant;
import org.namss.recert.certificant.CertificantService;
import org.namss.recert.certificant.Certification;
import org.namss.recert.certificant.CertificationStatus;
import org.springframework.context.ApplicationContext;

/** What every certificant of the season must have come to; lists each departure (empty = all as expected). */
final class SeasonOutcome {

  private SeasonOutcome() {}

  static List<String> problems(ApplicationContext context, RenewalSeason season, int year) {
    ProcessEngine engine = context.getBean(ProcessEngine.class);
    CertificantService certificants = context.getBean(CertificantService.class);
    BillingService billing = context.getBean(BillingService.class);
    List<String> problems = new ArrayList<>();
    long incidents = engine.getRuntimeService().createIncidentQuery().count();
    if (incidents > 0) {
      problems.add(incidents + " incidents, e.g. " + engine.getRuntimeService().createIncidentQuery().listPage(0, 3)
          .stream().map(i -> i.getActivityId() + ": " + i.getIncidentMessage()).toList());
    }
    long failing = engine.getManagementService().createJobQuery().withException().count();
    if (failing > 0) {
      problems.add(failing + " jobs failed, e.g. " + engine.getManagementService().createJobQuery().withException()
          .listPage(0, 3).stream().map(j -> j.getExceptionMessage()).toList());
    }
    long renewed = 0;
    for (Member m : season.members) {
      String who = m.certificant().getNumber() + " (" + m.scenario() + ")";
      boolean expires = m.scenario() == Scenario.LAPSE_EXPIRE;
      Certificant now = certificants.get(m.certificant().getId());
      Certification cpcs = now.getCertifications().get(0);
      // R17/R19: renewed for the next cycle; R27: expired for good
      if (expires ? cpcs.getStatus() != CertificationStatus.EXPIRED
          : cpcs.getStatus() != CertificationStatus.ACTIVE || cpcs.getRenewalYear() != year + 3) {
        problems.add(who + ": certification " + cpcs.getStatus() + " renewal year " + cpcs.getRenewalYear());
      }
      List<HistoricProcessInstance> renewals = engine.getHistoryService().createHistoricProcessInstanceQuery()
          .processDefinitionKey("RecertificationProcess").processInstanceBusinessKey(
              m.certificant().getNumber() + "-" + year).list();
      String expectedEnd = expires ? "EndEvent_Expired" : "EndEvent_Recertified";
      if (renewals.size() != 1 || renewals.get(0).getEndTime() == null
          || !expectedEnd.equals(renewals.get(0).getEndActivityId())) {
        problems.add(who + ": renewal instances " + renewals.stream()
            .map(p -> p.getState() + "@" + p.getEndActivityId()).toList() + ", expected one ended at " + expectedEnd);
      }
      if (!expires) {
        renewed++;
      }
      if (m.scenario() == Scenario.LATE || m.scenario() == Scenario.LATE_EARLY_CHECK) {
        // R8: $50 late fee; R15: a check dated by 1 December is not late
        BigDecimal expected = new BigDecimal(m.scenario() == Scenario.LATE ? "225.00" : "175.00");
        List<Invoice> invoices = billing.invoicesOf(m.certificant().getId());
        if (invoices.size() != 1 || invoices.get(0).getTotal().compareTo(expected) != 0
            || !invoices.get(0).getStatus().name().equals("PAID")) {
          problems.add(who + ": invoices " + invoices.stream().map(i -> i.getTotal() + " " + i.getStatus()).toList()
              + ", expected one of " + expected + " paid");
        }
      }
      int mails = season.mailsPerRecipient.getOrDefault(now.primaryEmail().toLowerCase(), 0);
      if (mails < 3) {
        problems.add(who + ": only " + mails + " e-mails received");
      }
    }
    // R19: one badge per renewed certificant. Under heavy load a Credly call can time out after Credly got it;
    // the job then retries and the test double (unlike Credly, which refuses a duplicate) answers 201 again, so
    // repeated requests for the same earner are allowed, but every renewed certificant and nobody else is named.
    java.util.Set<String> earners = new java.util.TreeSet<>(season.badgeEarners);
    java.util.Set<String> renewedNumbers = new java.util.TreeSet<>();
    season.members.stream().filter(m -> m.scenario() != Scenario.LAPSE_EXPIRE)
        .forEach(m -> renewedNumbers.add(m.certificant().getNumber()));
    if (!earners.equals(renewedNumbers)) {
      problems.add("Credly badges were requested for " + earners.size() + " certificants, " + renewed
          + " renewed (R19)");
    }
    return problems;
  }
}
