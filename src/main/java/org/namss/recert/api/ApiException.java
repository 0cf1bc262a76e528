package org.namss.recert.api;

import org.springframework.http.HttpStatus;

/** A request the API refuses, with the status and a message that says what is wrong. */
public class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final String field;

  public ApiException(HttpStatus status, String message) {
    this(status, null, message);
  }

  public ApiException(HttpStatus status, String field, String message) {
    super(message);
    this.status = status;
    this.field = field;
  }

  public static ApiException notFound(String message) {
    return new ApiException(HttpStatus.NOT_FOUND, message);
  }

  public static ApiException conflict(String message) {
    return new ApiException(HttpStatus.CONFLICT, message);
  }

  /** The request is well formed but the rules refuse it (e.g. too early, expired). */
  public static ApiException refused(String message) {
    return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, message);
  }

  public static ApiException invalid(String field, String message) {
    return new ApiException(HttpStatus.BAD_REQUEST, field, message);
  }

  public static ApiException forbidden(String message) {
    return new ApiException(HttpStatus.FORBIDDEN, message);
  }

  public HttpStatus status() {
    return status;
  }

  public String field() {
    return field;
  }
}
