package io.cutplan.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A shared answer is written once per key, as the JSON provider would write it, and the store stays bounded. */
class SharedJsonTest {
    @Test
    void writesOncePerKeyAndForgetsPastItsBound() throws Exception {
        SharedJson shared = new SharedJson();
        byte[] first = shared.of("it/f1", Map.of("forecastEnd", "2026-12-05T04:24:00Z"));
        assertThat(new String(first, StandardCharsets.UTF_8)).isEqualTo(JsonMapper.get().writeValueAsString(Map.of("forecastEnd", "2026-12-05T04:24:00Z")));
        // Same key: the bytes already written, whatever value is passed (the key names the computation exactly).
        assertThat(shared.of("it/f1", Map.of("other", 1))).isSameAs(first);
        for (int i = 0; i < SharedJson.MAX_ENTRIES * 3; i++) {
            shared.of("it/f" + (i + 2), Map.of("n", i));
            assertThat(shared.size()).isLessThanOrEqualTo(SharedJson.MAX_ENTRIES);
        }
    }
}
