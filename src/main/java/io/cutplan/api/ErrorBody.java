package io.cutplan.api;

/** The body of every error response: {@code {"error": code, "message": ..., "field": ..., "details": ...}}. */
public record ErrorBody(String error, String message, String field, Object details) {

    public static ErrorBody of(String error, String message) {
        return new ErrorBody(error, message, null, null);
    }
}
