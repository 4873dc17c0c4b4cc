package io.cutplan.api;

import io.cutplan.domain.ErrorKind;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** One place that turns an error kind into its HTTP status and JSON body. */
public final class ErrorResponses {
    private ErrorResponses() {
    }

    public static int status(ErrorKind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case TOO_LARGE -> 413;
            case RULE_VIOLATION -> 422;
            case UNAVAILABLE -> 503;
        };
    }

    public static Response response(int status, ErrorBody body) {
        Response.ResponseBuilder b = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
        if (status == 503) {
            b.header("Retry-After", "5");
        }
        return b.build();
    }
}
