package io.cutplan.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutplan.domain.DomainException;
import io.cutplan.domain.ErrorKind;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The request body reader refuses what would otherwise be stored wrongly or fail deep inside. */
class JsonBodyProviderTest {
    /** A request shape with a text and a number, like the API's bodies. */
    public record Sample(String body, Integer count) {
    }

    private static Object read(String json) throws Exception {
        @SuppressWarnings({"unchecked", "rawtypes"})
        Class<Object> type = (Class) Sample.class;
        return new JsonBodyProvider().readFrom(type, Sample.class, new java.lang.annotation.Annotation[0],
                MediaType.APPLICATION_JSON_TYPE, null, new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsAWellFormedBody() throws Exception {
        assertThat(read("{\"body\":\"R&D <b>\\\\u0000</b>\",\"count\":2}")).isEqualTo(new Sample("R&D <b>\\u0000</b>", 2));
    }

    @Test
    void aNumberOrBooleanWhereTextBelongsIsRefusedNamingTheField() {
        for (String json : new String[] {"{\"body\":42}", "{\"body\":1.5}", "{\"body\":true}"}) {
            assertThatThrownBy(() -> read(json)).as(json).isInstanceOfSatisfying(DomainException.class, e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.INVALID);
                assertThat(e.field()).isEqualTo("body");
            });
        }
    }

    @Test
    void nulInTextIsRefused() {
        assertThatThrownBy(() -> read("{\"body\":\"a\\u0000b\"}")).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.getMessage()).contains("NUL"));
    }

    @Test
    void theJsonNullDocumentIsRefused() {
        assertThatThrownBy(() -> read("null")).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.code()).isEqualTo("malformed_json"));
    }

    private static Object readBytes(Class<?> type, byte[] body) throws Exception {
        @SuppressWarnings({"unchecked", "rawtypes"})
        Class<Object> t = (Class) type;
        return new JsonBodyProvider().readFrom(t, type, new java.lang.annotation.Annotation[0],
                MediaType.APPLICATION_JSON_TYPE, null, new ByteArrayInputStream(body));
    }

    private static byte[] withBytes(String before, byte[] bad, String after) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bad);
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** Issue 15, finding 10: Jackson alone decoded C0 AF as '/' and kept an escaped lone surrogate. */
    @Test
    void invalidUtf8AndLoneSurrogatesAreRefusedNamingTheFieldEvenWhenNested() {
        byte[] overlong = {(byte) 0xC0, (byte) 0xAF};
        byte[] encodedSurrogate = {(byte) 0xED, (byte) 0xA0, (byte) 0x80};
        byte[] truncated = {(byte) 0xE2, (byte) 0x82};
        for (byte[] bad : new byte[][] {overlong, encodedSurrogate, truncated, {(byte) 0xFF}}) {
            assertThatThrownBy(() -> readBytes(Sample.class, withBytes("{\"count\":1,\"body\":\"etc", bad, "passwd\"}")))
                    .isInstanceOfSatisfying(DomainException.class, e -> {
                        assertThat(e.code()).isEqualTo("invalid_encoding");
                        assertThat(e.field()).isEqualTo("body");
                        assertThat(e.getMessage()).contains("UTF-8");
                    });
        }
        assertThatThrownBy(() -> readBytes(com.fasterxml.jackson.databind.JsonNode.class,
                withBytes("{\"steps\":[{\"code\":\"A\"},{\"title\":\"x", overlong, "\"}]}")))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.field()).isEqualTo("steps[1].title"));
        assertThatThrownBy(() -> readBytes(com.fasterxml.jackson.databind.JsonNode.class, withBytes("{\"na", overlong, "me\":1}")))
                .as("in a field name").isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.field()).isEqualTo("na??me"));
        assertThatThrownBy(() -> readBytes(Sample.class, withBytes("{\"count\":", overlong, "}")))
                .as("outside any text").isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.field()).isEqualTo("body"));

        for (String json : new String[] {"{\"body\":\"a\\ud800b\"}", "{\"body\":\"\\uDC00\"}", "{\"body\":\"\\ud83d\"}"}) {
            assertThatThrownBy(() -> read(json)).as(json).isInstanceOfSatisfying(DomainException.class, e -> {
                assertThat(e.code()).isEqualTo("invalid_encoding");
                assertThat(e.field()).isEqualTo("body");
                assertThat(e.getMessage()).contains("surrogate");
            });
        }
    }

    @Test
    void surrogatePairsAndEscapedBackslashesStayAccepted() throws Exception {
        assertThat(read("{\"body\":\"\\ud83d\\ude00 \\\\ud800\"}")).isEqualTo(new Sample("\uD83D\uDE00 \\ud800", null));
        assertThat(readBytes(Sample.class, "{\"body\":\"Zürich ✓ 😀\"}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new Sample("Zürich ✓ 😀", null));
    }
}
