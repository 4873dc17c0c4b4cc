package io.cutplan.api;

import io.cutplan.domain.schedule.ExportDocument;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;

/**
 * The one way an export leaves the API (schedule, review, comparison, plan CSV): the document as bytes, shown
 * inline or downloaded under its file name, never sniffed into another type, never run (a sandboxed CSP that allows
 * only inline styles: the HTML documents are self-contained), never stored by a cache.
 */
public final class ExportResponses {
    /** Inline styles only, no script, no fetch: the exported HTML documents need nothing else. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

    private ExportResponses() {
    }

    /** A 200 with the rendered document. */
    public static Response.ResponseBuilder of(ExportDocument document, boolean download) {
        return of(document.body(), document.mediaType(), document.fileName(), download);
    }

    /** A 200 with {@code body} as {@code mediaType}; {@code fileName} must already be safe for a header. */
    public static Response.ResponseBuilder of(String body, String mediaType, String fileName, boolean download) {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(body.getBytes(StandardCharsets.UTF_8))
                .type(MediaType.valueOf(mediaType))
                .header("Content-Disposition", (download ? "attachment" : "inline") + "; filename=\"" + fileName + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .cacheControl(noStore);
    }
}
