package io.cutplan.api;

import com.atlassian.plugins.rest.api.security.annotation.LicensedOnly;
import io.cutplan.domain.DomainException;
import io.cutplan.domain.schedule.ReportFormat;
import io.cutplan.domain.schedule.ScheduleTimes;
import io.cutplan.service.CallerService;
import io.cutplan.service.review.ReviewService;
import io.cutplan.service.spi.CallerSource;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.ZoneId;
import java.util.Locale;
import java.util.UUID;

/**
 * {@code GET /iterations/{id}/review[?format=json|html|csv][&tz=Europe/Zurich][&download=true]}: what happened in an
 * iteration against its plan (everyone who may read Cutplan; a running iteration's review is "so far"), and its
 * lessons: {@code GET} and {@code PUT /iterations/{id}/review/notes} (pilots write). See docs/review.md.
 */
@LicensedOnly
@Path("/iterations/{id}/review")
public class ReviewResource {
    private final ReviewService reviews;
    private final Callers callers;

    @Inject
    public ReviewResource(ReviewService reviews, CallerService callers, CallerSource callerSource) {
        this.reviews = reviews;
        this.callers = new Callers(callerSource, callers);
    }

    /** {@code PUT .../review/notes}: the target ({@code iteration} or {@code step} with its instance id) and the text. */
    public record NoteBody(String target, String stepInstanceId, String text) {
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/html", "text/csv"})
    public Response review(@Context SecurityContext sc, @PathParam("id") String id, @QueryParam("format") String format,
                           @QueryParam("tz") String tz, @QueryParam("download") String download) {
        UUID iterationId = Params.uuid("id", id);
        ReportFormat fmt = ReportFormat.parse(format, "format");
        ZoneId zone = ScheduleTimes.parseZone(tz, ZoneId.systemDefault(), "tz");
        boolean attachment = Params.flag("download", download);
        if (attachment && fmt == ReportFormat.JSON) {
            throw DomainException.invalid("download", "download needs format html or csv");
        }
        return callers.of(sc).as(caller -> {
            if (fmt == ReportFormat.JSON) {
                return Response.ok(reviews.review(caller, iterationId)).type(MediaType.APPLICATION_JSON_TYPE)
                        .cacheControl(revalidate()).build();
            }
            return ExportResponses.of(reviews.render(caller, iterationId, fmt, zone), attachment).build();
        });
    }

    @GET
    @Path("notes")
    @Produces(MediaType.APPLICATION_JSON)
    public Response notes(@Context SecurityContext sc, @PathParam("id") String id) {
        UUID iterationId = Params.uuid("id", id);
        return callers.of(sc).as(caller -> Response.ok(reviews.notes(caller, iterationId)).cacheControl(revalidate()).build());
    }

    @PUT
    @Path("notes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response putNote(@Context SecurityContext sc, @PathParam("id") String id, NoteBody body) {
        UUID iterationId = Params.uuid("id", id);
        return callers.of(sc).as(caller -> {
            // Who may write comes before what was sent: a reader learns nothing about the body's rules.
            reviews.requireNoteWriter(caller);
            NoteBody b = Params.body(body);
            return Response.ok(reviews.putNote(caller, iterationId, target(b), b.text())).cacheControl(revalidate()).build();
        });
    }

    /** The step instance a note is on, or null for the iteration's note. */
    private static UUID target(NoteBody b) {
        String target = b.target() == null ? "" : b.target().strip().toLowerCase(Locale.ROOT);
        return switch (target) {
            case "iteration" -> {
                if (b.stepInstanceId() != null) {
                    throw DomainException.invalid("stepInstanceId", "'stepInstanceId' is only for target 'step'");
                }
                yield null;
            }
            case "step" -> Params.uuid("stepInstanceId", b.stepInstanceId());
            default -> throw DomainException.invalid("target", "'target' must be iteration or step");
        };
    }

    private static CacheControl revalidate() {
        CacheControl cc = new CacheControl();
        cc.setPrivate(true);
        cc.setNoCache(true);
        return cc;
    }
}
