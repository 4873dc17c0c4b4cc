package io.cutplan.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.cutplan.domain.DomainException;
import io.cutplan.domain.ErrorKind;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Priorities;
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
 *
 * <p>Precedence (issue 16, finding 4): a host may register its own Jackson provider for JSON (Confluence's REST v2
 * does; its version and class loader are not ours). This provider claims ONLY Cutplan's own types (classes under
 * {@code io.cutplan.}, and Jackson trees built by our mapper) and carries a higher priority than the default user
 * priority, so for our types it wins and for anything else (a {@code byte[]} body such as the pre-serialised
 * forecast, a String) the platform's own providers answer as before. JsonProviderPrecedenceTest proves both with a
 * competing provider registered in Jersey.
 */
@Provider
@Priority(JsonBodyProvider.PRIORITY)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class JsonBodyProvider implements MessageBodyReader<Object>, MessageBodyWriter<Object> {
    public static final int MAX_BODY_BYTES = 1 << 20;
    /** Lower value = higher priority in JAX-RS; {@code Priorities.USER} (5000) is what an unannotated provider gets. */
    public static final int PRIORITY = Priorities.USER - 1000;

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
        return isOurs(type);
    }

    @Override
    public void writeTo(Object value, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                        MultivaluedMap<String, Object> httpHeaders, OutputStream entityStream) throws IOException {
        JsonMapper.get().writeValue(new NonClosingStream(entityStream), value);
    }

    /** Cutplan's own types: never a JDK or library class (byte[], String, collections go to the host's providers). */
    static boolean isOurs(Class<?> type) {
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
