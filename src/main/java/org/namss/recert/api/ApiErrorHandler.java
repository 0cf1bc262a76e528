package org.namss.recert.api;

import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolationException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/**
 * Every refusal of the project's API as RFC 9457 problem JSON: a status, a {@code detail} that says what is
 * wrong and, for bad fields, {@code errors} naming each field and its problem. Nothing is stored on a refusal:
 * validation happens before any write, and writes are transactional.
 */
@RestControllerAdvice(basePackages = "org.namss.recert")
public class ApiErrorHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ApiErrorHandler.class);

  @ExceptionHandler(ApiException.class)
  ProblemDetail api(ApiException e) {
    // the detail names the field it is about, e.g. "emails lists the same address twice"
    String detail = e.field() == null ? e.getMessage() : e.field() + " " + e.getMessage();
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), detail);
    if (e.field() != null) {
      problem.setProperty("errors", List.of(Map.of("field", e.field(), "message", e.getMessage())));
    }
    return problem;
  }

  @ExceptionHandler(MethodArgumentNotValidException.class)
  ProblemDetail invalidBody(MethodArgumentNotValidException e) {
    List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
        .map(ApiErrorHandler::fieldError).toList();
    List<Map<String, String>> global = e.getBindingResult().getGlobalErrors().stream()
        .map(error -> Map.of("field", error.getObjectName(), "message", String.valueOf(error.getDefaultMessage())))
        .toList();
    var all = new java.util.ArrayList<>(errors);
    all.addAll(global);
    return badRequest(summary(all), all);
  }

  @ExceptionHandler(HandlerMethodValidationException.class)
  ProblemDetail invalidParameters(HandlerMethodValidationException e) {
    List<Map<String, String>> errors = e.getParameterValidationResults().stream()
        .flatMap(result -> result.getResolvableErrors().stream().map(error -> Map.of(
            "field", error instanceof FieldError fe ? fe.getField()
                : String.valueOf(result.getMethodParameter().getParameterName()),
            "message", String.valueOf(error.getDefaultMessage()))))
        .toList();
    return badRequest(summary(errors), errors);
  }

  @ExceptionHandler(ConstraintViolationException.class)
  ProblemDetail constraintViolation(ConstraintViolationException e) {
    List<Map<String, String>> errors = e.getConstraintViolations().stream()
        .map(v -> Map.of("field", lastNode(v.getPropertyPath().toString()), "message", v.getMessage()))
        .toList();
    return badRequest(summary(errors), errors);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ProblemDetail unreadable(HttpMessageNotReadableException e) {
    Throwable cause = e.getCause();
    if (cause instanceof UnrecognizedPropertyException unknown) {
      String field = unknown.getPropertyName();
      return badRequest("Unknown field '" + field + "'", List.of(Map.of("field", field, "message", "unknown field")));
    }
    if (cause instanceof InvalidFormatException format) {
      String field = path(format);
      String expected = format.getTargetType() == null ? "another type" : describe(format.getTargetType());
      String message = "must be " + expected + ", got '" + abbreviate(String.valueOf(format.getValue())) + "'";
      return badRequest(field + " " + message, List.of(Map.of("field", field, "message", message)));
    }
    if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
      String field = path(mismatch);
      String message = "must be " + describe(mismatch.getTargetType());
      return badRequest(field + " " + message, List.of(Map.of("field", field, "message", message)));
    }
    return badRequest("The request body is not valid JSON of the expected shape", List.of());
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
    String message = "must be " + describe(e.getRequiredType()) + ", got '" + abbreviate(String.valueOf(e.getValue()))
        + "'";
    return badRequest(e.getName() + " " + message, List.of(Map.of("field", e.getName(), "message", message)));
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ProblemDetail missingParameter(MissingServletRequestParameterException e) {
    return badRequest("Missing parameter '" + e.getParameterName() + "'",
        List.of(Map.of("field", e.getParameterName(), "message", "is required")));
  }

  @ExceptionHandler(MissingServletRequestPartException.class)
  ProblemDetail missingPart(MissingServletRequestPartException e) {
    return badRequest("Missing part '" + e.getRequestPartName() + "' of the multipart request",
        List.of(Map.of("field", e.getRequestPartName(), "message", "is required")));
  }

  @ExceptionHandler(AccessDeniedException.class)
  ProblemDetail denied(AccessDeniedException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "You may not do this");
  }

  @ExceptionHandler(org.springframework.dao.DataIntegrityViolationException.class)
  ProblemDetail integrity(org.springframework.dao.DataIntegrityViolationException e) {
    LOG.debug("Refused by a database constraint", e);
    return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
        "This conflicts with data already stored (a duplicate or a stale reference)");
  }

  /** Anything unexpected: logged with a reference the caller can quote; no internals in the answer. */
  @ExceptionHandler(Exception.class)
  ProblemDetail unexpected(Exception e) {
    String reference = java.util.UUID.randomUUID().toString();
    LOG.error("Unexpected error, reference {}", reference, e);
    return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
        "Something went wrong on our side; nothing was changed. Quote reference " + reference + " to support.");
  }

  private static ProblemDetail badRequest(String detail, List<Map<String, String>> errors) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
    problem.setProperty("errors", errors);
    return problem;
  }

  private static Map<String, String> fieldError(FieldError error) {
    return Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage()));
  }

  private static String summary(List<Map<String, String>> errors) {
    if (errors.isEmpty()) {
      return "The request is invalid";
    }
    return errors.stream().map(e -> e.get("field") + " " + e.get("message")).collect(Collectors.joining("; "));
  }

  private static String path(MismatchedInputException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
  }

  private static String lastNode(String path) {
    int dot = path.lastIndexOf('.');
    return dot < 0 ? path : path.substring(dot + 1);
  }

  private static String describe(Class<?> type) {
    if (type == null) {
      return "of another type";
    }
    if (type.isEnum()) {
      return "one of " + java.util.Arrays.toString(type.getEnumConstants());
    }
    return switch (type.getSimpleName()) {
      case "LocalDate" -> "a date (YYYY-MM-DD)";
      case "LocalDateTime" -> "a date-time (YYYY-MM-DDThh:mm:ss)";
      case "BigDecimal", "Double", "double", "Float", "float" -> "a number";
      case "Integer", "int", "Long", "long" -> "a whole number";
      case "Boolean", "boolean" -> "true or false";
      case "String" -> "a string";
      case "List", "Set", "Collection" -> "a list";
      default -> "a " + type.getSimpleName();
    };
  }

  private static String abbreviate(String value) {
    return value.length() > 40 ? value.substring(0, 40) + "..." : value;
  }
}
