package io.cutplan.api;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The container's own errors (unknown path, wrong method, wrong content type, bad parameter) as JSON too. */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String code;
        String message;
        if (e instanceof NotFoundException) {
            code = "not_found";
            message = "No such resource";
        } else if (e instanceof NotAllowedException) {
            code = "method_not_allowed";
            message = "This method is not allowed here; allowed: " + e.getResponse().getAllowedMethods();
        } else if (e instanceof NotSupportedException) {
            code = "unsupported_media_type";
            message = "Send the body as application/json";
        } else if (e instanceof NotAcceptableException) {
            code = "not_acceptable";
            message = "This resource answers application/json";
        } else if (status == 400 || status == 404 && e.getCause() != null) {
            // Bad path or query parameters (an id that is not a UUID, a number that is not a number).
            code = "invalid_parameter";
            message = "A path or query parameter is malformed";
            status = 400;
        } else if (status >= 500) {
            code = "internal_error";
            message = "Internal error";
        } else {
            code = "http_" + status;
            message = Response.Status.fromStatusCode(status) == null ? "Request refused"
                    : Response.Status.fromStatusCode(status).getReasonPhrase();
        }
        Response r = ErrorResponses.response(status, ErrorBody.of(code, message));
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> r.getHeaders().add(name, v));
            }
        });
        return r;
    }
}
