package org.namss.recert.ce;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.namss.recert.rules.CertificationCategory;
import org.namss.recert.rules.CreditRequirement;
import org.namss.recert.rules.CreditWindow;

/**
 * A certificant's CE for one renewal year against what the rules require; {@code activities} are all of the
 * certificant's, in the order earned, each with whether its certificate is stored (the reviewer's list shows those in
 * the window).
 */
public record CeProgress(
    int renewalYear,
    CertificationCategory category,
    boolean firstTimeDual,
    CreditWindow window,
    CreditRequirement requirement,
    BigDecimal totalCredits,
    BigDecimal approvedCredits,
    List<CeActivity> counted,
    List<CeActivity> missingCertificate,
    int outsideWindow,
    List<CeService.Listed> activities) {

  public BigDecimal totalShort() {
    return requirement.totalCredits().subtract(totalCredits).max(BigDecimal.ZERO);
  }

  public BigDecimal approvedShort() {
    return requirement.approvedCredits().subtract(approvedCredits).max(BigDecimal.ZERO);
  }

  public boolean complete() {
    return totalShort().signum() == 0 && approvedShort().signum() == 0;
  }

  /** The requirement met (R5): enough credits, and every counted activity with its certificate (R10). */
  public boolean met() {
    return complete() && missingCertificate.isEmpty();
  }

  /** Sentences a certificant can act on, e.g. "4.5 more credits are needed (30 required, 25.5 reported)". */
  public List<String> missing() {
    List<String> missing = new ArrayList<>();
    if (totalShort().signum() > 0) {
      missing.add(plain(totalShort()) + " more credits are needed in total (" + plain(requirement.totalCredits())
          + " required, " + plain(totalCredits) + " counted between " + window.start() + " and " + window.end()
          + ").");
    }
    if (approvedShort().signum() > 0) {
      missing.add(plain(approvedShort()) + " more association-approved credits are needed ("
          + plain(requirement.approvedCredits()) + " required, " + plain(approvedCredits) + " counted).");
    }
    for (CeActivity activity : missingCertificate) {
      missing.add("The activity \"" + activity.getTitle() + "\" (" + activity.getEarnedOn()
          + ") has no certificate; upload its certificate (a tracking table is not accepted).");
    }
    return missing;
  }

  private static String plain(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }
}
