package io.cutplan.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** Event details as JSON text for bulk appends (the same plain maps EventLogDao would serialise). */
final class DemoJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoJson() {
    }

    static String write(Map<String, Object> details) {
        try {
            return JSON.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("demo event details are plain maps", e);
        }
    }
}
