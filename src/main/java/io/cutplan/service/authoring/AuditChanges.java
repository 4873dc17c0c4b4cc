package io.cutplan.service.authoring;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The fields an update changed, as {@code {field: {"from": old, "to": new}}} for the audit trail. */
final class AuditChanges {
    private final Map<String, Object> changes = new LinkedHashMap<>();

    AuditChanges compare(String field, Object from, Object to) {
        if (!Objects.equals(from, to)) {
            Map<String, Object> pair = new LinkedHashMap<>();
            pair.put("from", from == null ? null : String.valueOf(from));
            pair.put("to", to == null ? null : String.valueOf(to));
            changes.put(field, pair);
        }
        return this;
    }

    Map<String, Object> asMap() {
        return changes;
    }

    boolean isEmpty() {
        return changes.isEmpty();
    }
}
