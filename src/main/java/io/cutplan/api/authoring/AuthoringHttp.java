package io.cutplan.api.authoring;

import io.cutplan.domain.DomainException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Small request helpers shared by the authoring resources: Location on create, If-Match, list bodies. */
final class AuthoringHttp {
    static final String IF_MATCH = "If-Match";

    private AuthoringHttp() {
    }

    /** 201 with a Location of the request path plus the new id. */
    static Response created(UriInfo uri, UUID id, Object entity) {
        return Response.created(uri.getAbsolutePathBuilder().path(id.toString()).build()).entity(entity).build();
    }

    /**
     * The plan revision a client expects, from {@code If-Match: "12"} (quotes and a weak prefix are tolerated);
     * null when the header is absent or {@code *}.
     */
    static Long ifMatch(String header) {
        if (header == null || header.isBlank() || header.strip().equals("*")) {
            return null;
        }
        String s = header.strip();
        if (s.startsWith("W/")) {
            s = s.substring(2);
        }
        s = s.replace("\"", "");
        try {
            long v = Long.parseLong(s);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw DomainException.invalid("If-Match", "If-Match must be a plan revision such as \"12\"");
        }
    }

    static Map<String, Object> items(List<?> items) {
        return Map.of("items", items);
    }
}
