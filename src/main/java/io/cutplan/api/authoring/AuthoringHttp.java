package io.cutplan.api.authoring;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;

/** Small request helpers shared by the authoring resources: Location on create, list bodies (parameters: {@link io.cutplan.api.Params}). */
final class AuthoringHttp {
    static final String IF_MATCH = "If-Match";

    private AuthoringHttp() {
    }

    /** 201 with a Location of the request path plus the new id. */
    static Response created(UriInfo uri, UUID id, Object entity) {
        return Response.created(uri.getAbsolutePathBuilder().path(id.toString()).build()).entity(entity).build();
    }

    /** {@code {"items": [...]}}: a Cutplan type, so our JSON provider (which claims only our types) writes it. */
    static Items items(List<?> items) {
        return new Items(items);
    }

    /** A list body. */
    public record Items(List<?> items) {
    }
}
