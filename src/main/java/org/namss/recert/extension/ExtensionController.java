package org.namss.recert.extension;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.namss.recert.application.RecertApplication;
import org.namss.recert.certificant.CertificantAccess;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** R20: a certificant asks for an extension; the certificates must already be uploaded as CE activities. */
@RestController
@RequestMapping(path = "/api/certificants/{number}", produces = "application/json")
@Tag(name = "Extensions")
@SecurityRequirement(name = "basic")
public class ExtensionController {

  private final CertificantAccess access;
  private final ExtensionService extensions;

  public ExtensionController(CertificantAccess access, ExtensionService extensions) {
    this.access = access;
    this.extensions = extensions;
  }

  public record ExtensionView(Long applicationId, int renewalYear, String status) {}

  @Operation(summary = "Request an extension (until the cut-off of the extensionEligibility table, with certificates "
      + "for half the required credits)")
  @PostMapping("/extension-requests")
  public ResponseEntity<ExtensionView> request(@PathVariable String number) {
    RecertApplication application = extensions.request(access.require(number));
    return ResponseEntity.accepted().location(URI.create("/api/certificants/" + number + "/applications"))
        .body(new ExtensionView(application.getId(), application.getRenewalYear(), application.getStatus().name()));
  }
}
