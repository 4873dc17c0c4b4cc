package io.cutplan.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cutplan.api.JsonMapper;
import io.cutplan.reliability.EndpointCatalog.Endpoint;
import io.cutplan.reliability.EndpointCatalog.Param;
import io.cutplan.reliability.HostileCase.Expect;
import io.cutplan.reliability.HostileCase.Who;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Turns one endpoint into its hostile requests: broken JSON, wrong shapes and types, oversized input, bad ids,
 * unknown enum values, injection strings in every text field, a missing XSRF header, no login and the wrong
 * role. Bodies are mutations of a valid sample body, so each case breaks exactly one thing.
 */
public final class HostileCases {
    /** Strings that have broken other systems: SQL, HTML/JS, header and path tricks, odd Unicode. */
    public static final List<String> INJECTIONS = List.of(
            "'; DROP TABLE steps; --",
            "' OR '1'='1",
            "1; SELECT pg_sleep(5)--",
            "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(1)>",
            "javascript:alert(1)",
            "{{7*7}}${7*7}",
            "Subject: x\r\nBcc: victim@example.com",
            "../../../../etc/passwd",
            "\u202Egnp.exe \uD83D\uDCA5 \u00e9\u0301 \\u0000");
    /** PostgreSQL cannot store NUL in text: this must be refused cleanly, never a 500. */
    public static final String NUL = "nul\u0000byte";
    /** Path segments Jetty refuses itself (ambiguous separators, NUL): see {@link HostileCase.Expect#CONTAINER}. */
    public static final List<String> CONTAINER_LEVEL_PATHS = List.of("..%2F..%2Fetc%2Fpasswd", "a%00b", "%2e%2e",
            "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "%C0%AE%C0%AE");
    static final int HUGE_STRING = 200_000;
    static final int HUGE_BODY = (1 << 20) + 4096;

    private HostileCases() {
    }

    /** What the suite knows about the world the endpoint runs in. */
    public interface Context {
        /** A real id (or value) for a path parameter of this endpoint, by its name. */
        String pathValue(Endpoint e, String name);

        /** A valid body for this endpoint, or null when none is known (one is then synthesised). */
        ObjectNode sampleBody(Endpoint e);

        /** True when every authenticated user may call it (comments), so the wrong role is not refused. */
        boolean openToEveryUser(Endpoint e);

        /** True when only ADMIN may call it, so a PILOT-less NORMAL executor must get 403 too. */
        boolean adminOnly(Endpoint e);
    }

    public static List<HostileCase> forEndpoint(Endpoint e, Context ctx) {
        List<HostileCase> out = new ArrayList<>();
        String path = fill(e, ctx, Map.of());
        boolean json = e.consumes().isEmpty() || e.consumes().stream().anyMatch(c -> c.contains("json"));
        ObjectNode sample = e.bodyType().isPresent() && json ? sampleOrSynthesised(e, ctx) : null;
        byte[] sampleBytes = sample == null ? null : bytes(sample);
        String ct = e.bodyType().isPresent() ? (json ? "application/json" : e.consumes().get(0)) : null;
        if (e.bodyType().isPresent() && !json) {
            sampleBytes = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
        }

        // Path parameters that are not ids, or are attacks.
        for (Param p : e.pathParams()) {
            for (String bad : List.of("not-a-uuid", "' OR '1'='1", "00000000-0000-0000-0000-00000000000g",
                    "<script>alert(1)<script>", "1e3", "-1", "%20")) {
                out.add(new HostileCase(e.key(), "bad path " + p.name(), e.httpMethod(), fill(e, ctx, Map.of(p.name(), bad)),
                        ct, sampleBytes, Who.ADMIN, Expect.REFUSED, null));
            }
            for (String bad : CONTAINER_LEVEL_PATHS) {
                out.add(new HostileCase(e.key(), "bad path (container) " + p.name(), e.httpMethod(),
                        fill(e, ctx, Map.of(p.name(), bad)), ct, sampleBytes, Who.ADMIN, Expect.CONTAINER, null));
            }
            if (p.type() == UUID.class) {
                out.add(new HostileCase(e.key(), "unknown id " + p.name(), e.httpMethod(),
                        fill(e, ctx, Map.of(p.name(), UUID.randomUUID().toString())), ct, sampleBytes, Who.ADMIN, Expect.REFUSED, null));
            }
        }
        // Query parameters with values of the wrong kind, and attacks (reads may answer 2xx; writes must not change).
        for (Param q : e.queryParams()) {
            List<String> values = new ArrayList<>(List.of("' OR '1'='1", "<script>alert(1)</script>", "%00", "9".repeat(40)));
            if (!String.class.equals(q.type())) {
                values.add("not-a-" + q.type().getSimpleName());
            }
            for (String bad : values) {
                Expect expect = String.class.equals(q.type()) || !isStrictType(q.type()) ? Expect.READ : Expect.REFUSED;
                if (e.mutating()) {
                    expect = Expect.REFUSED;
                }
                out.add(new HostileCase(e.key(), "bad query " + q.name(), e.httpMethod(),
                        path + "?" + q.name() + "=" + URLEncoder.encode(bad, StandardCharsets.UTF_8), ct, sampleBytes,
                        Who.ADMIN, expect, null));
            }
        }
        if (e.mutating()) {
            out.add(new HostileCase(e.key(), "no XSRF header", e.httpMethod(), path, ct, sampleBytes, Who.ADMIN_WITHOUT_XSRF, Expect.FORBIDDEN, null));
            out.add(new HostileCase(e.key(), "not logged in", e.httpMethod(), path, ct, sampleBytes, Who.ANONYMOUS, Expect.UNAUTHENTICATED, null));
            if (!ctx.openToEveryUser(e)) {
                out.add(new HostileCase(e.key(), "wrong role (viewer)", e.httpMethod(), path, ct, sampleBytes, Who.VIEWER, Expect.FORBIDDEN, null));
            }
            if (ctx.adminOnly(e)) {
                out.add(new HostileCase(e.key(), "wrong role (executor)", e.httpMethod(), path, ct, sampleBytes, Who.EXECUTOR, Expect.FORBIDDEN, null));
            }
        } else {
            out.add(new HostileCase(e.key(), "not logged in", e.httpMethod(), path, null, null, Who.ANONYMOUS,
                    e.path().equals("/health") ? Expect.READ : Expect.UNAUTHENTICATED, null));
        }
        if (sample != null) {
            bodyCases(e, path, sample, out);
        } else if (e.bodyType().isPresent()) {
            textBodyCases(e, path, ct, out);
        }
        return out;
    }

    private static void bodyCases(Endpoint e, String path, ObjectNode sample, List<HostileCase> out) {
        String m = e.httpMethod();
        Function<String, HostileCase> raw = body -> new HostileCase(e.key(), "malformed", m, path, "application/json",
                body.getBytes(StandardCharsets.UTF_8), Who.ADMIN, Expect.REFUSED, null);
        for (String body : List.of("", "{", "{\"a\":", "not json", "{'single': 'quotes'}", "{\"a\":1,}", "{}}",
                sample + " trailing", "\uFEFF{}", "[]", "\"a string\"", "42", "true", "null", "[" + sample + "]")) {
            out.add(raw.apply(body));
        }
        out.add(new HostileCase(e.key(), "deeply nested object", m, path, "application/json",
                ("{\"a\":".repeat(5000) + "1" + "}".repeat(5000)).getBytes(StandardCharsets.UTF_8), Who.ADMIN, Expect.REFUSED, null));
        out.add(new HostileCase(e.key(), "deeply nested array", m, path, "application/json",
                ("[".repeat(100_000) + "]".repeat(100_000)).getBytes(StandardCharsets.UTF_8), Who.ADMIN, Expect.REFUSED, null));
        ObjectNode unknown = sample.deepCopy();
        unknown.put("zzzUnknownField", "x");
        out.add(new HostileCase(e.key(), "unknown field", m, path, "application/json", bytes(unknown), Who.ADMIN, Expect.REFUSED, null));
        ObjectNode huge = sample.deepCopy();
        huge.put("zzzPadding", "x".repeat(HUGE_BODY));
        out.add(new HostileCase(e.key(), "body over 1 MiB", m, path, "application/json", bytes(huge), Who.ADMIN, Expect.REFUSED, null));
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", "application/xml"}) {
            out.add(new HostileCase(e.key(), "content type " + type, m, path, type, bytes(sample), Who.ADMIN, Expect.REFUSED, null));
        }
        // One field at a time.
        Map<String, Class<?>> fields = fieldTypes(e.bodyType().get());
        for (Map.Entry<String, Class<?>> f : fields.entrySet()) {
            String name = f.getKey();
            Class<?> type = f.getValue();
            for (JsonNode wrong : wrongValues(type)) {
                ObjectNode b = sample.deepCopy();
                b.set(name, wrong);
                out.add(new HostileCase(e.key(), "wrong type " + name, m, path, "application/json", bytes(b), Who.ADMIN, Expect.REFUSED,
                        null, type.getSimpleName(), wrong.toString()));
            }
            if (type == String.class) {
                ObjectNode big = sample.deepCopy();
                big.put(name, "x".repeat(HUGE_STRING));
                out.add(new HostileCase(e.key(), "huge string " + name, m, path, "application/json", bytes(big), Who.ADMIN, Expect.REFUSED, null));
                ObjectNode nul = sample.deepCopy();
                nul.put(name, NUL);
                out.add(new HostileCase(e.key(), "NUL byte " + name, m, path, "application/json", bytes(nul), Who.ADMIN, Expect.REFUSED, null));
                for (String attack : INJECTIONS) {
                    ObjectNode b = sample.deepCopy();
                    b.put(name, attack);
                    out.add(new HostileCase(e.key(), "injection " + name, m, path, "application/json", bytes(b), Who.ADMIN, Expect.TEXT, attack));
                }
            }
            if (type.isEnum()) {
                for (String bad : List.of("NOT_A_VALUE", "done", "'; DROP TABLE steps; --", "")) {
                    ObjectNode b = sample.deepCopy();
                    b.put(name, bad);
                    out.add(new HostileCase(e.key(), "unknown enum " + name, m, path, "application/json", bytes(b), Who.ADMIN, Expect.REFUSED, null));
                }
            }
            if (type == UUID.class) {
                for (String bad : List.of("not-a-uuid", UUID.randomUUID().toString())) {
                    ObjectNode b = sample.deepCopy();
                    b.put(name, bad);
                    out.add(new HostileCase(e.key(), "bad id " + name, m, path, "application/json", bytes(b), Who.ADMIN, Expect.REFUSED, null));
                }
            }
        }
    }

    /** Uploads that are not JSON (the CSV import): broken, binary, oversized, or JSON sent instead. */
    private static void textBodyCases(Endpoint e, String path, String ct, List<HostileCase> out) {
        String m = e.httpMethod();
        List<byte[]> broken = List.of(new byte[0], "\"unterminated,quote\n".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xC0, (byte) 0xAE, (byte) 0xFF, 0, 1, 2}, ("a,b\n" + NUL + ",x\n").getBytes(StandardCharsets.UTF_8),
                ("=cmd|' /C calc'!A0,'; DROP TABLE steps; --,<script>alert(1)</script>\n").getBytes(StandardCharsets.UTF_8));
        for (byte[] b : broken) {
            out.add(new HostileCase(e.key(), "broken upload", m, path, ct, b, Who.ADMIN, Expect.NO_CHANGE, null));
        }
        out.add(new HostileCase(e.key(), "body over the limit", m, path, ct,
                ("x,".repeat(HUGE_BODY * 4)).getBytes(StandardCharsets.UTF_8), Who.ADMIN, Expect.REFUSED, null));
        out.add(new HostileCase(e.key(), "content type application/json", m, path, "application/json",
                "{\"a\":1}".getBytes(StandardCharsets.UTF_8), Who.ADMIN, Expect.REFUSED, null));
    }

    private static boolean isStrictType(Class<?> t) {
        return t.isPrimitive() || Number.class.isAssignableFrom(t) || t == UUID.class || t.isEnum() || t == Boolean.class
                || t == Instant.class;
    }

    static List<JsonNode> wrongValues(Class<?> type) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        List<JsonNode> out = new ArrayList<>(List.of(f.objectNode().put("x", 1), f.arrayNode().add(1)));
        if (type == String.class || type == UUID.class || type.isEnum() || type == Instant.class
                || type == OffsetDateTime.class || type == LocalDate.class) {
            out.add(f.numberNode(12345));
            out.add(f.booleanNode(true));
        }
        if (type == Instant.class || type == OffsetDateTime.class || type == LocalDate.class) {
            out.add(f.textNode("yesterday"));
            out.add(f.textNode("2026-13-45T99:99:99Z"));
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            out.add(f.textNode("one"));
            out.add(f.numberNode(1.5));
            out.add(f.numberNode(new java.math.BigInteger("9".repeat(30))));
            out.add(f.booleanNode(true));
        }
        if (type == boolean.class || type == Boolean.class) {
            out.add(f.textNode("maybe"));
            out.add(f.numberNode(1));
        }
        return out;
    }

    /** The JSON property names of a body type and their classes (records, or Jackson's view of a bean). */
    static Map<String, Class<?>> fieldTypes(Type body) {
        Class<?> raw = body instanceof Class<?> c ? c : body instanceof ParameterizedType p ? (Class<?>) p.getRawType() : Object.class;
        Map<String, Class<?>> out = new java.util.LinkedHashMap<>();
        if (raw.isRecord()) {
            for (RecordComponent rc : raw.getRecordComponents()) {
                com.fasterxml.jackson.annotation.JsonProperty jp = rc.getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
                out.put(jp != null && !jp.value().isEmpty() ? jp.value() : rc.getName(), rc.getType());
            }
            return out;
        }
        if (Map.class.isAssignableFrom(raw) || JsonNode.class.isAssignableFrom(raw) || Collection.class.isAssignableFrom(raw)) {
            return out;
        }
        var javaType = JsonMapper.get().constructType(body);
        var description = JsonMapper.get().getDeserializationConfig().introspect(javaType);
        for (var prop : description.findProperties()) {
            out.put(prop.getName(), prop.getRawPrimaryType());
        }
        return out;
    }

    private static ObjectNode sampleOrSynthesised(Endpoint e, Context ctx) {
        ObjectNode sample = ctx.sampleBody(e);
        if (sample != null) {
            return sample;
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, Class<?>> f : fieldTypes(e.bodyType().get()).entrySet()) {
            node.set(f.getKey(), plausible(f.getKey(), f.getValue(), ctx));
        }
        return node;
    }

    private static JsonNode plausible(String name, Class<?> type, Context ctx) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (type == String.class) {
            return f.textNode(name.toLowerCase().contains("email") ? "someone@example.com"
                    : name.toLowerCase().contains("code") ? "HOSTILE-1" : "Hostile suite text");
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return f.numberNode(1);
        }
        if (type == boolean.class || type == Boolean.class) {
            return f.booleanNode(true);
        }
        if (type == UUID.class) {
            String v = ctx.pathValue(null, name);
            return f.textNode(v != null ? v : UUID.randomUUID().toString());
        }
        if (type.isEnum()) {
            return f.textNode(((Enum<?>) type.getEnumConstants()[0]).name());
        }
        if (type == Instant.class || type == OffsetDateTime.class) {
            return f.textNode(Instant.now().toString());
        }
        if (type == LocalDate.class) {
            return f.textNode(LocalDate.now().toString());
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return f.arrayNode();
        }
        return f.nullNode();
    }

    static String fill(Endpoint e, Context ctx, Map<String, String> overrides) {
        String p = e.path();
        for (Param param : e.pathParams()) {
            String v = overrides.containsKey(param.name()) ? overrides.get(param.name()) : ctx.pathValue(e, param.name());
            if (v == null) {
                v = UUID.randomUUID().toString();
            }
            String encoded = overrides.containsKey(param.name()) && v.contains("%") ? v
                    : URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20");
            p = p.replace("{" + param.name() + "}", encoded);
        }
        return p;
    }

    static byte[] bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }
}
