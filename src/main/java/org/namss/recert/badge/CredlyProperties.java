package org.namss.recert.badge;

import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * Credly's web service API ({@code credly.*}). Without a base URL, an organization and a token (the embedded
 * default) no call is made: badges are recorded as PENDING_CONFIGURATION for staff.
 *
 * @param baseUrl https://api.credly.com (production) or https://sandbox-api.credly.com (sandbox)
 * @param organizationId the issuing organization's id in Credly
 * @param authToken the organization's authorization token (a secret: from the environment, never logged)
 * @param templateIds the badge template of each certification
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for an answer
 */
@ConfigurationProperties("credly")
public record CredlyProperties(
    String baseUrl,
    String organizationId,
    String authToken,
    @DefaultValue TemplateIds templateIds,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("20s") Duration readTimeout) {

  /** @param cpcs badge template of CPCS; @param cpmsm badge template of CPMSM */
  public record TemplateIds(String cpcs, String cpmsm) {

    /** The template of a certification type ("CPCS" or "CPMSM"), or null when not configured. */
    public String forType(String certificationType) {
      String id = switch (certificationType.toUpperCase(Locale.ROOT)) {
        case "CPCS" -> cpcs;
        case "CPMSM" -> cpmsm;
        default -> null;
      };
      return StringUtils.hasText(id) ? id.strip() : null;
    }
  }

  /** Whether badges go to Credly: base URL, organization and token all set. */
  public boolean enabled() {
    return StringUtils.hasText(baseUrl) && StringUtils.hasText(organizationId) && StringUtils.hasText(authToken);
  }

  @Override
  public String toString() {
    return "CredlyProperties[baseUrl=" + baseUrl + ", organizationId=" + organizationId + ", authToken="
        + (StringUtils.hasText(authToken) ? "(set)" : "(not set)") + ", templateIds=" + templateIds
        + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + "]";
  }
}
