package io.cutplan.reliability;

/**
 * One hostile request and what may answer it.
 *
 * @param expect REFUSED: a 4xx JSON error and no change; FORBIDDEN: exactly 403 JSON and no change;
 *               UNAUTHENTICATED: 401 JSON; TEXT: a 4xx refusal, or a 2xx with the text stored verbatim;
 *               READ: a GET that may answer 2xx or 4xx but never changes anything or answers 5xx;
 *               CONTAINER: a URI Jetty itself refuses before any application code runs (an encoded slash or
 *               NUL): a 4xx and no change, but the body is Jetty's HTML page (reported, see
 *               HostileInputTest#containerLevelRefusalsAreJsonToo);
 *               NO_CHANGE: a broken upload that may be answered 2xx with an error report or 4xx, but never 5xx and
 *               never with a change
 */
public record HostileCase(String endpoint, String kind, String method, String path, String contentType, byte[] body,
                          Who who, Expect expect, String injected, String fieldType, String value) {

    public HostileCase(String endpoint, String kind, String method, String path, String contentType, byte[] body,
                       Who who, Expect expect, String injected) {
        this(endpoint, kind, method, path, contentType, body, who, expect, injected, null, null);
    }

    public enum Who { ADMIN, VIEWER, EXECUTOR, ANONYMOUS, ADMIN_WITHOUT_XSRF }

    public enum Expect { REFUSED, FORBIDDEN, UNAUTHENTICATED, TEXT, READ, CONTAINER, NO_CHANGE }

    private static final java.util.List<String> FIELD_KINDS = java.util.List.of(
            "bad path (container)", "bad path", "unknown id", "bad query", "wrong type", "huge string", "NUL byte", "injection", "unknown enum", "bad id");

    /** The kind without the field or parameter it targets, for counting. */
    public String category() {
        for (String k : FIELD_KINDS) {
            if (kind.startsWith(k)) {
                return k;
            }
        }
        return kind;
    }

    @Override
    public String toString() {
        String b = body == null ? "" : new String(body, java.nio.charset.StandardCharsets.UTF_8);
        return kind + " " + method + " " + path + " as " + who + (b.isEmpty() ? "" : " body=" + (b.length() > 120 ? b.substring(0, 120) + "…(" + b.length() + ")" : b));
    }
}
