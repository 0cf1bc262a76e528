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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** A person holding one or both certifications; their name is exactly as on the certificate (R24). */
@Entity
@Table(name = "certificant")
@NamedEntityGraph(name = Certificant.WITH_CERTIFICATIONS_AND_EMAILS, attributeNodes = {
    @NamedAttributeNode("certifications"), @NamedAttributeNode("emails")})
public class Certificant {

  /**
   * The entity graph that loads a certificant with its certifications and its e-mail addresses in one statement
   * (config/EntityLoads): every e-mail and most delegates need both. Both collections are sets, kept in their
   * {@code @OrderBy} order, so that one statement can join both in (Hibernate refuses to fetch two lists, "bags",
   * at once, whose rows it could not tell apart).
   */
  public static final String WITH_CERTIFICATIONS_AND_EMAILS = "Certificant.withCertificationsAndEmails";

  /** A first or last name: letters, spaces, apostrophes, dots or dashes, 1 to 100 of them (the column's size). */
  public static final String NAME = "^[\\p{L}\\p{M}' .-]{1,100}$";
  private static final java.util.regex.Pattern NAME_PATTERN = java.util.regex.Pattern.compile(NAME);

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
  private Set<CertificantEmail> emails = new LinkedHashSet<>();

  @OneToMany(mappedBy = "certificant", cascade = CascadeType.ALL, orphanRemoval = true)
  @OrderBy("type")
  private Set<Certification> certifications = new LinkedHashSet<>();

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

  /**
   * The name changed in the certificant's profile, exactly as given there but for blanks around it (R24: the next
   * badge carries it).
   *
   * @return whether the name differs from the one held before
   * @throws IllegalArgumentException when a part is blank, longer than 100 characters or not a name
   */
  public boolean rename(String newFirstName, String newLastName) {
    String first = validName("first name", newFirstName);
    String last = validName("last name", newLastName);
    if (first.equals(firstName) && last.equals(lastName)) {
      return false;
    }
    this.firstName = first;
    this.lastName = last;
    return true;
  }

  private static String validName(String what, String name) {
    String stripped = name == null ? "" : name.strip();
    if (stripped.isEmpty()) {
      throw new IllegalArgumentException("The " + what + " must not be blank: it is the name on the certificate and"
          + " the Credly badge (R24)");
    }
    if (stripped.length() > 100) {
      throw new IllegalArgumentException("The " + what + " must be at most 100 characters");
    }
    if (!NAME_PATTERN.matcher(stripped).matches()) {
      throw new IllegalArgumentException("The " + what + " must be a name of letters, spaces, apostrophes, dots or"
          + " dashes");
    }
    return stripped;
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

  /** The addresses, the first one registered first (read-only; {@link #addEmail} adds one). */
  public List<CertificantEmail> getEmails() {
    return List.copyOf(emails);
  }

  /** The certifications in the order of their type, CPCS first (read-only; {@link #addCertification} adds one). */
  public List<Certification> getCertifications() {
    return List.copyOf(certifications);
  }
}
