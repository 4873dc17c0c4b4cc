package io.cutplan.api.authoring;

import io.cutplan.domain.DomainException;
import io.cutplan.domain.ErrorKind;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a {@code text/csv} body into {@link CsvText}: at most {@link #MAX_BODY_BYTES} (more is a 413 before the
 * rest is even read), strictly UTF-8 (a malformed byte sequence is a 400, not silently replaced).
 */
@Provider
@Consumes({"text/csv", "text/plain"})
public class CsvBodyReader implements MessageBodyReader<CsvText> {
    public static final int MAX_BODY_BYTES = 10 << 20;

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == CsvText.class;
    }

    @Override
    public CsvText readFrom(Class<CsvText> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                            MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        String charset = mediaType == null ? null : mediaType.getParameters().get("charset");
        if (charset != null && !charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
            throw DomainException.invalid("Content-Type", "CSV must be sent as UTF-8 (charset=utf-8), not " + charset);
        }
        byte[] body = entityStream.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            throw new DomainException(ErrorKind.TOO_LARGE, "payload_too_large",
                    "The CSV file is larger than " + (MAX_BODY_BYTES >> 20) + " MiB; split the plan or raise the limit");
        }
        try {
            return new CsvText(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString());
        } catch (CharacterCodingException e) {
            throw new DomainException(ErrorKind.INVALID, "invalid_encoding",
                    "The CSV file is not valid UTF-8; save it as UTF-8 and try again", "body", null);
        }
    }
}
