package io.cutplan.host.standalone;

import io.cutplan.api.ErrorBody;
import io.cutplan.api.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Errors Jetty answers before the REST layer sees the request (bad URIs, oversized headers) are JSON too. */
final class JsonErrors {
    private JsonErrors() {
    }

    /** A fixed message per status: Jetty's own text may quote the offending input, so it is never echoed. */
    static byte[] body(int status) {
        String code;
        String message;
        switch (status) {
            case 400 -> {
                code = "bad_request";
                message = "The request is malformed (for example an invalid URI or header)";
            }
            case 404 -> {
                code = "not_found";
                message = "No such resource";
            }
            case 405 -> {
                code = "method_not_allowed";
                message = "This method is not allowed here";
            }
            case 413 -> {
                code = "payload_too_large";
                message = "The request is too large";
            }
            case 414 -> {
                code = "uri_too_long";
                message = "The request URI is too long";
            }
            case 431 -> {
                code = "headers_too_large";
                message = "The request headers are too large";
            }
            case 408 -> {
                code = "request_timeout";
                message = "The request body did not arrive in time";
            }
            case 503 -> {
                code = "server_busy";
                message = "The server is busy; retry after the time in Retry-After";
            }
            default -> {
                code = status >= 500 ? "internal_error" : "http_" + status;
                message = status >= 500 ? "Internal error" : "Request refused";
            }
        }
        try {
            return JsonMapper.get().writeValueAsString(ErrorBody.of(code, message)).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
