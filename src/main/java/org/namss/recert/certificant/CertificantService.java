package org.namss.recert.certificant;

import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.namss.recert.api.ApiException;
import org.namss.recert.config.EntityLoads;
import org.namss.recert.config.TimeSource;
import org.namss.recert.rules.CertificationCategory;
import org.namss.recert.rules.DecisionRules;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registers certificants, finds them by any of their addresses (R2), and tells what is due (R3). */
@Service
public class CertificantService {

  private final CertificantRepository certificants;
  private final TimeSource time;
  private final DecisionRules rules;
  private final EntityManager entityManager;

  public CertificantService(CertificantRepository certificants, TimeSource time, DecisionRules rules,
      EntityManager entityManager) {
    this.certificants = certificants;
    this.entityManager = entityManager;
    this.time = time;
    this.rules = rules;
  }

  public record NewCertification(CertificationType type, LocalDate initialCertificationDate, Integer renewalYear) {}

  @Transactional
  public Certificant register(String number, String firstName, String lastName, List<String> emails,
      List<NewCertification> certifications) {
    if (certificants.existsByNumber(number)) {
      throw ApiException.conflict("A certificant with number " + number + " already exists");
    }
    for (String email : emails) {
      certificants.findByEmail(Certificant.normalize(email)).ifPresent(other -> {
        throw ApiException.conflict("The e-mail address " + email + " already belongs to certificant "
            + other.getNumber() + "; add the certification there instead (POST /api/certificants/" + other.getNumber()
            + "/certifications, R2)");
      });
    }
    if (emails.stream().map(Certificant::normalize).distinct().count() != emails.size()) {
      throw ApiException.invalid("emails", "lists the same address twice");
    }
    if (certifications.stream().map(NewCertification::type).distinct().count() != certifications.size()) {
      throw ApiException.invalid("certifications", "lists the same certification twice");
    }
    Certificant certificant = new Certificant(number, firstName.trim(), lastName.trim(), time.now());
    emails.forEach(certificant::addEmail);
    for (NewCertification held : certifications) {
      certificant.addCertification(held.type(), held.initialCertificationDate(), renewalYear(held), time.now());
    }
    return certificants.save(certificant);
  }

  /** R3: the renewal year of a certification as registered: given, or the first one still open. */
  private int renewalYear(NewCertification held) {
    if (held.initialCertificationDate().isAfter(time.today())) {
      throw ApiException.invalid("certifications.initialCertificationDate", "must not be in the future");
    }
    int cycle = rules.cycleYears(held.type().name());
    // the first renewal year not before this one: this year's renewal is still open until 31 December (R8)
    int firstOpen = Certification.firstRenewalYearFrom(held.initialCertificationDate(), time.today().getYear(),
        cycle);
    int renewalYear = held.renewalYear() != null ? held.renewalYear() : firstOpen;
    if ((renewalYear - held.initialCertificationDate().getYear()) % cycle != 0
        || renewalYear <= held.initialCertificationDate().getYear()) {
      throw ApiException.invalid("certifications.renewalYear", "must be the initial certification year plus a "
          + "multiple of " + cycle + " (R3)");
    }
    if (renewalYear < firstOpen) {
      throw ApiException.invalid("certifications.renewalYear", "must not be before " + firstOpen + ": a "
          + "certification whose renewal year " + renewalYear + " has passed is lapsed or expired (R25-R27), not "
          + "active");
    }
    return renewalYear;
  }

  /**
   * Staff add a certification the person earned after registering (R1): the other one, which makes them a dual
   * certificant (R5, R6), or the same one again after it expired and they passed the exam as a new candidate (R27),
   * which starts it afresh under the same number. Refused with 409 when they hold it (active, extended or lapsed:
   * a lapsed one is reinstated, R26), when the new initial date is not after the expiry, or when a renewal of the
   * renewal year it would get is already open (its credits and fees were decided without it); 400 for dates as at
   * registration.
   */
  @Transactional
  public Certificant addCertification(Certificant certificant, NewCertification added) {
    Certificant managed = get(certificant.getId());
    int renewalYear = renewalYear(added);
    Optional<Certification> held = managed.certification(added.type());
    if (held.isPresent() && held.get().getStatus() != CertificationStatus.EXPIRED) {
      throw ApiException.conflict(managed.getNumber() + " already holds " + added.type() + " ("
          + held.get().getStatus() + ")" + (held.get().getStatus() == CertificationStatus.LAPSED
              ? ": a lapsed certification is reinstated (R26), not added again" : ""));
    }
    if (held.isPresent()) {
      LocalDate expired = LocalDate.ofInstant(held.get().getStatusChangedAt(), time.zone());
      if (!added.initialCertificationDate().isAfter(expired)) {
        throw ApiException.conflict(added.type() + " expired on " + expired + ": the new certification's initial "
            + "date (the exam passed as a new candidate, R27) must be after that");
      }
    }
    if (certificants.renewalOpened(managed.getId(), renewalYear)) {
      throw ApiException.conflict("The " + renewalYear + " renewal of " + managed.getNumber() + " is already open, "
          + "its credits and fees decided without " + added.type() + ": give it a later renewal year (R3)");
    }
    if (held.isPresent()) {
      held.get().restart(added.initialCertificationDate(), renewalYear, time.now());
    } else {
      managed.addCertification(added.type(), added.initialCertificationDate(), renewalYear, time.now());
    }
    return certificants.save(managed);
  }

  @Transactional
  public Certificant addEmail(Certificant certificant, String email) {
    Optional<Certificant> owner = certificants.findByEmail(Certificant.normalize(email));
    if (owner.isPresent()) {
      if (owner.get().getId().equals(certificant.getId())) {
        throw ApiException.conflict("The address " + email + " is already one of this certificant's");
      }
      throw ApiException.conflict("The address " + email + " belongs to another certificant, "
          + owner.get().getNumber() + "; if both are the same person, merge that record into this one (R2)");
    }
    Certificant managed = certificants.findById(certificant.getId()).orElseThrow();
    managed.addEmail(email);
    return certificants.save(managed);
  }

  @Transactional(readOnly = true)
  public Optional<Certificant> findByEmail(String email) {
    return certificants.findByEmail(Certificant.normalize(email)).map(this::initialized);
  }

  @Transactional(readOnly = true)
  public Optional<Certificant> findByNumber(String number) {
    return certificants.findByNumber(number).map(this::initialized);
  }

  @Transactional(readOnly = true)
  public Certificant get(Long id) {
    return initialized(EntityLoads.find(entityManager, Certificant.class, id,
        Certificant.WITH_CERTIFICATIONS_AND_EMAILS).orElseThrow());
  }

  private Certificant initialized(Certificant certificant) {
    certificant.getEmails().size();
    certificant.getCertifications().size();
    return certificant;
  }

  /** What a certificant renews in a renewal year: one certification, or both as a dual certificant (R5, R6). */
  public record DueRenewal(int renewalYear, CertificationCategory category, boolean firstTimeDual,
      LocalDate earliestInitialCertification, List<Certification> certifications) {}

  /** The nearest renewal year of the certifications in a renewal state (active, extended or lapsed). */
  public Optional<DueRenewal> currentRenewal(Certificant certificant) {
    return certificant.getCertifications().stream()
        .filter(c -> c.getStatus() != CertificationStatus.EXPIRED)
        .map(Certification::getRenewalYear).min(Integer::compare)
        .map(year -> renewalIn(certificant, year));
  }

  public DueRenewal renewalIn(Certificant certificant, int renewalYear) {
    List<Certification> due = certificant.getCertifications().stream()
        .filter(c -> c.getRenewalYear() == renewalYear && c.getStatus() != CertificationStatus.EXPIRED)
        .toList();
    if (due.isEmpty()) {
      throw ApiException.refused("Certificant " + certificant.getNumber() + " has no certification due in "
          + renewalYear);
    }
    CertificationCategory category = CertificationCategory.of(due.stream().map(c -> c.getType().name()).toList());
    // R6: dual for the first time = one of the two has never been renewed (earned in or after the year N - cycle)
    boolean firstTimeDual = category == CertificationCategory.DUAL
        && due.stream().anyMatch(c -> c.getInitialCertificationDate().getYear()
            >= renewalYear - rules.cycleYears(c.getType().name()));
    LocalDate earliest = due.stream().map(Certification::getInitialCertificationDate)
        .min(LocalDate::compareTo).orElseThrow();
    return new DueRenewal(renewalYear, category, firstTimeDual, earliest, due);
  }
}
