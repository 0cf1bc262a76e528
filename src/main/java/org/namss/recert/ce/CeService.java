package org.namss.recert.ce;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.namss.recert.api.ApiException;
import org.namss.recert.certificant.Certificant;
import org.namss.recert.certificant.CertificantService;
import org.namss.recert.config.TimeSource;
import org.namss.recert.rules.CreditRequirement;
import org.namss.recert.rules.CreditWindow;
import org.namss.recert.rules.DecisionRules;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** CE activities with their certificates, and the progress against the requirement (R5, R6, R9, R10). */
@Service
public class CeService {

  private final CeActivityRepository activities;
  private final CeCertificateRepository certificates;
  private final CertificantService certificantService;
  private final DecisionRules rules;
  private final TimeSource time;
  private final ApplicationEventPublisher events;

  public CeService(CeActivityRepository activities, CeCertificateRepository certificates,
      CertificantService certificantService, DecisionRules rules, TimeSource time,
      ApplicationEventPublisher events) {
    this.activities = activities;
    this.certificates = certificates;
    this.certificantService = certificantService;
    this.rules = rules;
    this.time = time;
    this.events = events;
  }

  public record NewActivity(String title, String provider, LocalDate earnedOn, BigDecimal credits,
      boolean associationApproved, Attendance attendance, String city, String state) {}

  /** Published after an activity is stored, so a waiting application can look again. */
  public record ActivityAdded(Long certificantId, Long activityId) {}

  /**
   * Stores an activity, with its certificate when one is attached ({@code file} null: it comes later, and the
   * activity does not count until it does, R10).
   */
  @Transactional
  public CeActivity add(Certificant certificant, NewActivity activity, String fileName, byte[] file) {
    String contentType = file == null ? null : CertificateFiles.requireCertificate(fileName, file);
    if (activity.earnedOn().isAfter(time.today())) {
      throw ApiException.invalid("earnedOn", "must not be in the future");
    }
    var renewal = certificantService.currentRenewal(certificantService.get(certificant.getId())).orElseThrow(() -> ApiException.refused(
        "Certificant " + certificant.getNumber() + " holds no certification that can be renewed"));
    CreditWindow window = rules.creditWindow(renewal.renewalYear(), renewal.earliestInitialCertification(),
        cycleYears(renewal));
    if (!window.contains(activity.earnedOn())) {
      throw ApiException.invalid("earnedOn", "must be inside the credit window of renewal year "
          + renewal.renewalYear() + ": " + window.start() + " to " + window.end() + " (R9)");
    }
    CeActivity saved = activities.save(new CeActivity(certificant.getId(), activity.title().strip(),
        activity.provider().strip(), activity.earnedOn(), activity.credits(), activity.associationApproved(),
        activity.attendance(), activity.city().strip(), activity.state().strip(), time.now()));
    if (file != null) {
      certificates.save(new CeCertificate(saved.getId(), CertificateFiles.safeName(fileName), contentType, file,
          CertificateFiles.sha256(file), time.now()));
    }
    events.publishEvent(new ActivityAdded(certificant.getId(), saved.getId()));
    return saved;
  }

  /** Attaches the certificate to an activity reported without one. */
  @Transactional
  public CeActivity attachCertificate(Certificant certificant, Long activityId, String fileName, byte[] file) {
    String contentType = CertificateFiles.requireCertificate(fileName, file);
    CeActivity activity = activities.findById(activityId)
        .filter(a -> a.getCertificantId().equals(certificant.getId()))
        .orElseThrow(() -> ApiException.notFound("No CE activity " + activityId + " for this certificant"));
    if (certificates.findByActivityId(activityId).isPresent()) {
      throw ApiException.conflict("Activity " + activityId + " already has its certificate");
    }
    certificates.save(new CeCertificate(activityId, CertificateFiles.safeName(fileName), contentType, file,
        CertificateFiles.sha256(file), time.now()));
    events.publishEvent(new ActivityAdded(certificant.getId(), activityId));
    return activity;
  }

  /**
   * Whether the certificant added CE after the instant: an activity or a certificate, what publishes
   * {@link ActivityAdded}.
   */
  @Transactional(readOnly = true)
  public boolean addedSince(Long certificantId, Instant since) {
    return activities.existsByCertificantIdAndCreatedAtAfter(certificantId, since)
        || certificates.existsForCertificantSince(certificantId, since);
  }

  /** Whether the activity's certificate is stored, without reading the file. */
  @Transactional(readOnly = true)
  public boolean hasCertificate(CeActivity activity) {
    return !certificates.findActivityIdsWithCertificate(List.of(activity.getId())).isEmpty();
  }

  /** A CE activity and whether its certificate is stored. */
  public record Listed(CeActivity activity, boolean hasCertificate) {}

  /** The certificant's activities in the order they were earned, each with whether its certificate is stored. */
  @Transactional(readOnly = true)
  public List<Listed> listWithCertificates(Long certificantId) {
    return activities.findWithCertificateIds(certificantId).stream()
        .map(row -> new Listed((CeActivity) row[0], row[1] != null)).toList();
  }

  @Transactional(readOnly = true)
  public CeCertificate certificate(Long certificantId, Long activityId) {
    CeActivity activity = activities.findById(activityId)
        .filter(a -> a.getCertificantId().equals(certificantId))
        .orElseThrow(() -> ApiException.notFound("No CE activity " + activityId + " for this certificant"));
    return certificates.findByActivityId(activity.getId())
        .orElseThrow(() -> ApiException.notFound("Activity " + activityId + " has no certificate"));
  }

  @Transactional(readOnly = true)
  public int currentRenewalYear(Certificant certificant) {
    return certificantService.currentRenewal(certificantService.get(certificant.getId()))
        .orElseThrow(() -> ApiException.refused("Certificant " + certificant.getNumber()
            + " holds no certification that can be renewed"))
        .renewalYear();
  }

  /** R3, R9: the cycle the window spans; for a dual renewal the longer of the two (the wider window). */
  private int cycleYears(CertificantService.DueRenewal renewal) {
    return renewal.certifications().stream().mapToInt(c -> rules.cycleYears(c.getType().name())).max()
        .orElseThrow();
  }

  /**
   * Staff's verdict on one of the certificant's activities during review (R11, R12): VERIFIED (eligible; with the
   * association-approved flag confirmed or corrected from the certificate's logo when given), REJECTED (not
   * eligible: it no longer counts) or UNVERIFIED (undone). Progress counts the new state at once.
   */
  @Transactional
  public CeActivity verify(Certificant certificant, Long activityId, Verification verdict,
      Boolean associationApproved) {
    CeActivity activity = activities.findById(activityId)
        .filter(a -> a.getCertificantId().equals(certificant.getId()))
        .orElseThrow(() -> ApiException.notFound("No CE activity " + activityId + " for this certificant"));
    activity.verify(verdict);
    if (associationApproved != null) {
      activity.confirmApproval(associationApproved);
    }
    return activity;
  }

  /**
   * The credits that count for a renewal year: inside the window, not rejected by staff, each with its
   * certificate; compared to the requirement (R5, R6, R9, R10).
   */
  // not read-only: it once evaluated decisions through the engine, which writes decision history (PostgreSQL
  // refuses that in a read-only transaction); LatestDecisions writes nothing, but nothing is gained by the flag
  @Transactional
  public CeProgress progress(Certificant certificant, int renewalYear) {
    var renewal = certificantService.renewalIn(certificantService.get(certificant.getId()), renewalYear);
    CreditRequirement requirement = rules.creditRequirement(renewal.category(), renewal.firstTimeDual());
    CreditWindow window = rules.creditWindow(renewalYear, renewal.earliestInitialCertification(), cycleYears(renewal));
    BigDecimal total = BigDecimal.ZERO;
    BigDecimal approved = BigDecimal.ZERO;
    int outsideWindow = 0;
    List<CeActivity> counted = new java.util.ArrayList<>();
    List<CeActivity> missingCertificate = new java.util.ArrayList<>();
    List<Listed> listed = listWithCertificates(certificant.getId());
    for (Listed entry : listed) {
      CeActivity activity = entry.activity();
      if (!window.contains(activity.getEarnedOn())) {
        outsideWindow++;
        continue;
      }
      if (activity.getVerification() == Verification.REJECTED) {
        continue;
      }
      if (!entry.hasCertificate()) {
        missingCertificate.add(activity);
        continue;
      }
      counted.add(activity);
      total = total.add(activity.getCredits());
      if (activity.isAssociationApproved()) {
        approved = approved.add(activity.getCredits());
      }
    }
    return new CeProgress(renewalYear, renewal.category(), renewal.firstTimeDual(), window, requirement, total,
        approved, counted, missingCertificate, outsideWindow, listed);
  }
}
