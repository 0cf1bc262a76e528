package org.namss.recert.api;

import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.UnsatisfiedServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Refusals that happen before a controller is chosen, as problem JSON: multipart parsing (an oversize
 * certificate), a content type or method no endpoint takes, a missing required parameter, an unknown path.
 * There is no handler yet at that point, so {@link ApiErrorHandler} (limited to the product's controllers)
 * does not apply, and these answered with an empty body. This advice applies whatever the handler, even none.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestErrorHandler {

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  ProblemDetail tooLarge(MaxUploadSizeExceededException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
        "The upload is too large: a certificate file may be at most 10 MB, and the other fields of the form "
            + "together at most 2 MB");
  }

  @ExceptionHandler(MultipartException.class)
  ProblemDetail badMultipart(MultipartException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        "The request is not a valid multipart/form-data upload");
    problem.setProperty("errors", List.of());
    return problem;
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ProblemDetail unsupportedType(HttpMediaTypeNotSupportedException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "Content type '" + e.getContentType() + "' is not supported here; use " + e.getSupportedMediaTypes());
  }

  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  ProblemDetail notAcceptable(HttpMediaTypeNotAcceptableException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_ACCEPTABLE, "This resource answers in JSON");
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ProblemDetail wrongMethod(HttpRequestMethodNotSupportedException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.METHOD_NOT_ALLOWED,
        "Method " + e.getMethod() + " is not allowed here");
  }

  @ExceptionHandler(UnsatisfiedServletRequestParameterException.class)
  ProblemDetail missingParameters(UnsatisfiedServletRequestParameterException e) {
    String names = String.join(", ", e.getParamConditions());
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        "Missing parameter: this request needs " + names);
    problem.setProperty("errors", List.of(Map.of("field", names, "message", "is required")));
    return problem;
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ProblemDetail noSuchPath(NoResourceFoundException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such resource: /" + e.getResourcePath());
  }
}
