package io.cutplan.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers that every caller shares byte for byte (the forecast of one computation, a quarter of a megabyte on a
 * 1,200-step runbook), written to JSON once and then only copied to each caller: serialising it again for every
 * poll was the largest single cost of the forecast endpoint under load. Bounded: past {@link #MAX_ENTRIES} keys it
 * forgets everything and starts again.
 */
final class SharedJson {
    static final int MAX_ENTRIES = 64;

    private final Map<String, byte[]> written = new ConcurrentHashMap<>();

    /** The JSON of {@code value}, which {@code key} must name exactly (for example an iteration and its ETag). */
    byte[] of(String key, Object value) {
        byte[] json = written.get(key);
        if (json != null) {
            return json;
        }
        try {
            json = JsonMapper.get().writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        if (written.size() >= MAX_ENTRIES) {
            written.clear();
        }
        written.put(key, json);
        return json;
    }

    /** How many answers are kept (for tests). */
    int size() {
        return written.size();
    }
}
