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
}
