package org.namss.recert.certificant;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedAttributeNode;
import jakarta.persistence.NamedEntityGraph;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A person holding one or both certifications; their name is exactly as on the certificate (R24). */
@Entity
@Table(name = "certificant")
@NamedEntityGraph(name = Certificant.WITH_CERTIFICATIONS, attributeNodes = @NamedAttributeNode("certifications"))
public class Certificant {

  /** The entity graph that loads a certificant with its certifications in one statement (config/EntityLoads). */
  public static final String WITH_CERTIFICATIONS = "Certificant.withCertifications";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "certificant_number", nullable = false, unique = true)
  private String number;

  @Column(nullable = false)
  private String firstName;

  @Column(nullable = false)
  private String lastName;

  @Column(nullable = false)
  private Instant createdAt;

  @Version
  private long version;

  @OneToMany(mappedBy = "certificant", cascade = CascadeType.ALL, orphanRemoval = true)
  @OrderBy("id")
  private List<CertificantEmail> emails = new ArrayList<>();

  @OneToMany(mappedBy = "certificant", cascade = CascadeType.ALL, orphanRemoval = true)
  @OrderBy("type")
  private List<Certification> certifications = new ArrayList<>();

  protected Certificant() {}

  public Certificant(String number, String firstName, String lastName, Instant createdAt) {
    this.number = number;
    this.firstName = firstName;
    this.lastName = lastName;
    this.createdAt = createdAt;
  }

  public CertificantEmail addEmail(String email) {
    String normalized = normalize(email);
    CertificantEmail added = new CertificantEmail(this, normalized, emails.isEmpty());
    emails.add(added);
    return added;
  }

  public Certification addCertification(CertificationType type, java.time.LocalDate initialDate, int renewalYear,
      Instant now) {
    Certification certification = new Certification(this, type, initialDate, renewalYear, now);
    certifications.add(certification);
    return certification;
  }

  public Optional<Certification> certification(CertificationType type) {
    return certifications.stream().filter(c -> c.getType() == type).findFirst();
  }

  /** The address mail goes to: the primary one (keeping it current is the certificant's duty, R4). */
  public String primaryEmail() {
    return emails.stream().filter(CertificantEmail::isPrimary).findFirst()
        .or(() -> emails.stream().findFirst())
        .map(CertificantEmail::getEmail).orElseThrow();
  }

  public boolean hasEmail(String email) {
    if (email == null) {
      return false;
    }
    String normalized = normalize(email);
    return emails.stream().anyMatch(e -> e.getEmail().equals(normalized));
  }

  public static String normalize(String email) {
    return email.trim().toLowerCase(Locale.ROOT);
  }

  public String fullName() {
    return firstName + " " + lastName;
  }

  public Long getId() {
    return id;
  }

  public String getNumber() {
    return number;
  }

  public String getFirstName() {
    return firstName;
  }

  public String getLastName() {
    return lastName;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public List<CertificantEmail> getEmails() {
    return emails;
  }

  public List<Certification> getCertifications() {
    return certifications;
  }
}
