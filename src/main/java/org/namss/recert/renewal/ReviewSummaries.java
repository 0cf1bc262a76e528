package org.namss.recert.renewal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.namss.recert.ce.CeActivity;
import org.namss.recert.ce.CeProgress;
import org.namss.recert.ce.CeService;
import org.namss.recert.certificant.Certificant;
import org.namss.recert.certificant.CertificantService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What a reviewer needs on one screen: every CE activity with its facts and certificate, and the totals. */
@Service
public class ReviewSummaries {

  private final CeService ce;
  private final CertificantService certificants;

  public ReviewSummaries(CeService ce, CertificantService certificants) {
    this.ce = ce;
    this.certificants = certificants;
  }

  @Transactional // not read-only: evaluating the decisions writes their history (PostgreSQL refuses that read-only)
  public Map<String, Object> summary(Long certificantId, int renewalYear) {
    Certificant certificant = certificants.get(certificantId);
    CeProgress progress = ce.progress(certificant, renewalYear);
    String list = progress.activities().stream()
        .filter(listed -> progress.window().contains(listed.activity().getEarnedOn()))
        .map(listed -> line(certificant.getNumber(), listed.activity(), listed.hasCertificate()))
        .collect(Collectors.joining("\n"));
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put(RenewalVariables.CERTIFICANT_NAME, certificant.fullName());
    // certificantNumber: the form reads the process variable; a task-local copy would be one more row per task
    summary.put(RenewalVariables.CERTIFICATION_CATEGORY, progress.category().name());
    summary.put(RenewalVariables.CREDIT_SUMMARY, "**" + plain(progress.totalCredits()) + "** of "
        + plain(progress.requirement().totalCredits()) + " credits required, **" + plain(progress.approvedCredits())
        + "** of " + plain(progress.requirement().approvedCredits()) + " association-approved (window "
        + progress.window().start() + " to " + progress.window().end() + ")"
        + (progress.complete() ? "" : " - **short**: " + String.join(" ", progress.missing())));
    summary.put(RenewalVariables.CE_ACTIVITIES_MARKDOWN, list.isEmpty() ? "_No CE activities in the window._" : list);
    return summary;
  }

  /**
   * R5, R10, R12: what keeps the credits from meeting the requirement now, with the verifications staff recorded
   * while reviewing (a rejected activity no longer counts); empty when they meet it.
   */
  @Transactional
  public List<String> shortfall(Long certificantId, int renewalYear) {
    return ce.progress(certificants.get(certificantId), renewalYear).missing(); // empty when complete (CeProgress)
  }

  private static String line(String number, CeActivity a, boolean hasCertificate) {
    String certificate = hasCertificate
        ? "[certificate](/api/certificants/" + number + "/ce-activities/" + a.getId() + "/certificate)"
        : "**no certificate**";
    return "- " + md(a.getTitle()) + " - " + md(a.getProvider()) + ", " + a.getEarnedOn() + ", **"
        + plain(a.getCredits()) + "** credits, " + (a.isAssociationApproved() ? "association-approved" : "not approved")
        + ", " + (a.getAttendance().name().equals("VIRTUAL") ? "virtual from " : "in person at ") + md(a.getCity())
        + ", " + md(a.getState()) + " - " + certificate;
  }

  /** Text certificants typed, made inert in markdown (no links, emphasis or HTML). */
  static String md(String text) {
    return text.replaceAll("([\\\\`*_\\[\\]()#|!{}~>+-])", "\\\\$1").replace("<", "&lt;");
  }

  private static String plain(java.math.BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }
}
