package org.namss.recert.ce;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.namss.recert.api.ApiException;

/**
 * Accepts a certificate file only when it is what it claims: a PDF or an image, recognised by its content
 * (magic bytes), not by the name or the browser's content type. A spreadsheet or tracking table is refused (R10).
 */
final class CertificateFiles {

  static final long MAX_BYTES = 10L * 1024 * 1024;

  private CertificateFiles() {}

  /** @return the content type the bytes really are */
  static String requireCertificate(String fileName, byte[] content) {
    if (content == null || content.length == 0) {
      throw ApiException.invalid("certificate", "is empty: attach the certificate as a PDF or image");
    }
    if (content.length > MAX_BYTES) {
      throw ApiException.invalid("certificate", "is larger than 10 MB");
    }
    if (fileName != null && (fileName.contains("/") || fileName.contains("\\")
        || fileName.chars().anyMatch(c -> Character.isISOControl(c)))) {
      // browsers send the bare name; a path ("../../etc/passwd") or control characters mean a crafted request
      throw ApiException.invalid("certificate", "file name must be a plain file name, without a path or "
          + "control characters");
    }
    String detected = detect(content);
    if (detected == null) {
      throw ApiException.invalid("certificate", "must be a PDF, PNG or JPEG file"
          + (fileName == null ? "" : " ('" + safeName(fileName) + "' is not)")
          + "; a tracking table or spreadsheet is not accepted in place of certificates (R10)");
    }
    return detected;
  }

  static String detect(byte[] b) {
    if (startsWith(b, 0x25, 0x50, 0x44, 0x46, 0x2D)) {
      return "application/pdf";
    }
    if (startsWith(b, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)) {
      return "image/png";
    }
    if (startsWith(b, 0xFF, 0xD8, 0xFF)) {
      return "image/jpeg";
    }
    return null;
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The file name kept: no path, no control characters, at most 200 characters. */
  static String safeName(String fileName) {
    String name = fileName == null ? "certificate" : fileName.replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}<>\"]", "_").strip();
    if (name.isEmpty()) {
      name = "certificate";
    }
    return name.length() > 200 ? name.substring(name.length() - 200) : name;
  }

  private static boolean startsWith(byte[] content, int... prefix) {
    if (content.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((content[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
