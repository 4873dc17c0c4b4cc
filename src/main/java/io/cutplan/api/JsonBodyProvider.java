package io.cutplan.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.cutplan.domain.DomainException;
import io.cutplan.domain.ErrorKind;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.stream.Collectors;

/**
 * Reads request bodies and writes responses as JSON with our own {@link JsonMapper}, never the host's provider.
 * Bodies over {@link #MAX_BODY_BYTES} are refused with 413; malformed input becomes a 400 naming the field.
 */
@Provider
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class JsonBodyProvider implements MessageBodyReader<Object>, MessageBodyWriter<Object> {
    public static final int MAX_BODY_BYTES = 1 << 20;

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return isOurs(type);
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                           MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        byte[] body = entityStream.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            throw new DomainException(ErrorKind.TOO_LARGE, "payload_too_large",
                    "The request body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        if (body.length == 0) {
            throw new DomainException(ErrorKind.INVALID, "malformed_json", "The request body is empty; a JSON object is required");
        }
        if (containsNul(body)) {
            // PostgreSQL cannot store U+0000 in text; refuse it here, naming the problem, instead of failing later.
            throw new DomainException(ErrorKind.INVALID, "invalid_value", "Text must not contain the NUL character (\\u0000)");
        }
        checkText(body);
        try {
            Object value = JsonMapper.get().readerFor(JsonMapper.get().constructType(genericType)).readValue(body);
            if (value == null) {
                throw new DomainException(ErrorKind.INVALID, "malformed_json", "The request body must be a JSON object, not null");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw new DomainException(ErrorKind.INVALID, "unknown_field",
                    "Unknown field '" + e.getPropertyName() + "'", path(e), null);
        } catch (InvalidFormatException e) {
            throw new DomainException(ErrorKind.INVALID, "invalid_value",
                    "Invalid value for '" + path(e) + "': " + describe(e.getValue()) + expected(e.getTargetType()), path(e), null);
        } catch (MismatchedInputException e) {
            String field = path(e);
            String message = field == null ? "The request body must be a JSON object"
                    : "Field '" + field + "' has the wrong type" + expected(e.getTargetType());
            throw new DomainException(ErrorKind.INVALID, "invalid_value", message, field, null);
        } catch (JsonMappingException e) {
            Throwable cause = e.getCause();
            if (cause instanceof DomainException de) {
                throw de;
            }
            String field = path(e);
            throw new DomainException(ErrorKind.INVALID, "invalid_value",
                    field == null ? "The request body does not match the expected shape" : "Invalid value for '" + field + "'",
                    field, null);
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            // Jackson's own text names its configuration class (issue 15, finding 11): say it in our words.
            throw new DomainException(ErrorKind.INVALID, "malformed_json",
                    "The request body is nested too deeply or holds a value too long", null, null);
        } catch (JsonProcessingException e) {
            throw new DomainException(ErrorKind.INVALID, "malformed_json",
                    "The request body is not valid JSON: " + e.getOriginalMessage(), null, null);
        }
    }

    /**
     * Issue 15, finding 10: Jackson decodes overlong UTF-8 ({@code C0 AF} became {@code /}) and accepts escaped lone
     * surrogates ({@code \\ud800}, which PostgreSQL's driver stored as {@code ?}). Both are refused here with 400
     * {@code invalid_encoding} naming the field that holds them, or {@code body} when no field can be told.
     * Costs one strict decode of the bytes; the second, streaming pass runs only when one of them is found or the
     * body holds a surrogate escape at all.
     */
    private static void checkText(byte[] body) {
        int malformed = firstMalformedUtf8(body);
        if (malformed < 0 && !hasSurrogateEscape(body)) {
            return;
        }
        byte[] scan = body;
        if (malformed >= 0) {
            // Parse a copy with the bad bytes made harmless, to learn which field held them.
            scan = body.clone();
            for (int i = malformed; i < scan.length && (i == malformed || (scan[i] & 0xC0) == 0x80); i++) {
                scan[i] = '?';
            }
        }
        String field = null;
        boolean found = false;
        try (com.fasterxml.jackson.core.JsonParser p = JsonMapper.get().getFactory().createParser(scan)) {
            for (com.fasterxml.jackson.core.JsonToken t = p.nextToken(); t != null && !found; t = p.nextToken()) {
                if (t != com.fasterxml.jackson.core.JsonToken.FIELD_NAME && t != com.fasterxml.jackson.core.JsonToken.VALUE_STRING) {
                    continue;
                }
                long start = p.currentTokenLocation().getByteOffset();
                String text = p.getText();
                long end = p.currentLocation().getByteOffset();
                if (malformed >= 0 ? start <= malformed && malformed < end : io.cutplan.domain.Text.firstUnpairedSurrogate(text) >= 0) {
                    found = true;
                    field = path(p.getParsingContext());
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not valid JSON around the bad bytes: the body as a whole is named.
        }
        if (malformed < 0 && !found) {
            return;   // surrogate escapes, all in pairs
        }
        String name = field == null ? "body" : field;
        throw new DomainException(ErrorKind.INVALID, "invalid_encoding", malformed >= 0
                ? "'" + name + "' is not valid UTF-8 (byte " + malformed + " of the body starts a malformed or overlong sequence)"
                : "'" + name + "' holds a lone UTF-16 surrogate (an \\uD800-\\uDFFF escape without its pair), which is no character",
                name, null);
    }

    /** Offset of the first byte that does not start a well-formed, shortest-form UTF-8 sequence, or -1. */
    static int firstMalformedUtf8(byte[] body) {
        java.nio.charset.CharsetDecoder decoder = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(body);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(body.length + 1);
        java.nio.charset.CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            return in.position();
        }
        r = decoder.flush(out);
        return r.isError() ? in.position() : -1;
    }

    /** Whether the body holds an escape {@code \\uD800}..{@code \\uDFFF} anywhere (a quick byte scan). */
    private static boolean hasSurrogateEscape(byte[] body) {
        for (int i = 0; i + 3 < body.length; i++) {
            if (body[i] == '\\' && body[i + 1] == 'u' && (body[i + 2] | 0x20) == 'd' && "89abcdefABCDEF".indexOf(body[i + 3]) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** A parser position as the error bodies name fields: {@code steps[2].title}. */
    private static String path(com.fasterxml.jackson.core.JsonStreamContext context) {
        java.util.Deque<String> parts = new java.util.ArrayDeque<>();
        for (com.fasterxml.jackson.core.JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject()) {
                parts.push(c.getCurrentName() == null ? "?" : c.getCurrentName());
            } else if (c.inArray()) {
                parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
            }
        }
        return parts.isEmpty() ? null : String.join(".", parts).replace(".[", "[");
    }

    /** A JSON text can only carry NUL as the escape \\u0000 (raw control characters are invalid JSON anyway). */
    private static boolean containsNul(byte[] body) {
        for (int i = 0; i + 5 < body.length; i++) {
            if (body[i] == '\\' && body[i + 1] == 'u' && body[i + 2] == '0' && body[i + 3] == '0' && body[i + 4] == '0'
                    && body[i + 5] == '0' && !escapedBackslash(body, i)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the backslash at {@code i} is itself escaped (preceded by an odd number of backslashes). */
    private static boolean escapedBackslash(byte[] body, int i) {
        int n = 0;
        for (int j = i - 1; j >= 0 && body[j] == '\\'; j--) {
            n++;
        }
        return n % 2 == 1;
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return isOurs(type) || java.util.Collection.class.isAssignableFrom(type) || java.util.Map.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(Object value, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                        MultivaluedMap<String, Object> httpHeaders, OutputStream entityStream) throws IOException {
        JsonMapper.get().writeValue(new NonClosingStream(entityStream), value);
    }

    private static boolean isOurs(Class<?> type) {
        return type.getName().startsWith("io.cutplan.") || com.fasterxml.jackson.databind.JsonNode.class.isAssignableFrom(type);
    }

    private static String path(JsonMappingException e) {
        if (e.getPath().isEmpty()) {
            return null;
        }
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static String describe(Object value) {
        String s = String.valueOf(value);
        return "'" + (s.length() > 80 ? s.substring(0, 80) + "…" : s) + "'";
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "";
        }
        if (type.isEnum()) {
            return "; expected one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        return "; expected " + simpleTypeName(type);
    }

    private static String simpleTypeName(Class<?> type) {
        if (type == java.util.UUID.class) {
            return "a UUID";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == java.time.Instant.class || type == java.time.OffsetDateTime.class) {
            return "an ISO-8601 timestamp";
        }
        return type.isRecord() || !type.getName().startsWith("java.") ? "an object" : type.getSimpleName();
    }

    /** Jackson closes the stream it writes to; the container owns the response stream. */
    private static final class NonClosingStream extends java.io.FilterOutputStream {
        NonClosingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
