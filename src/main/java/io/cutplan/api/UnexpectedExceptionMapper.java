package io.cutplan.api;

import io.cutplan.domain.DomainException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anything unexpected is logged with an incident id and answered with a 500 that carries only that id:
 * never a stack trace, SQL or a secret in a response.
 *
 * <p>A {@link DomainException} wrapped by a container is still a domain failure and answers as one, without a log
 * line: in Confluence, REST v2 builds each resource through Spring, and a service bean that cannot be created
 * (database down or not configured: {@code CutplanRuntime.service} throws a 503-kind DomainException) surfaces as
 * Spring's {@code UnsatisfiedDependencyException} / {@code BeanCreationException} around it (issue 16, finding 3).
 * Outages are logged once where they are detected (the store's {@code Transactor}, Confluence's runtime), never per
 * request.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

    @Override
    public Response toResponse(Throwable e) {
        if (e instanceof WebApplicationException wae) {
            return new WebApplicationExceptionMapper().toResponse(wae);
        }
        DomainException domain = wrappedDomainException(e);
        if (domain != null) {
            return new DomainExceptionMapper().toResponse(domain);
        }
        String incident = UUID.randomUUID().toString();
        LOG.error("Unexpected error, incident {}", incident, e);
        return ErrorResponses.response(500, new ErrorBody("internal_error",
                "Internal error; quote incident " + incident + " to your administrator", null, null));
    }

    /**
     * The first DomainException among the causes, suppressed exceptions and aggregated errors (HK2's
     * MultiException lists its errors through {@code getErrors()} instead of a cause) of {@code e}, or null.
     */
    static DomainException wrappedDomainException(Throwable e) {
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        java.util.ArrayDeque<Throwable> todo = new java.util.ArrayDeque<>();
        todo.add(e);
        while (!todo.isEmpty() && seen.size() < 64) {
            Throwable t = todo.poll();
            if (!seen.add(t)) {
                continue;
            }
            if (t instanceof DomainException d) {
                return d;
            }
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            todo.addAll(java.util.List.of(t.getSuppressed()));
            todo.addAll(aggregated(t));
        }
        return null;
    }

    private static java.util.List<Throwable> aggregated(Throwable t) {
        try {
            java.lang.reflect.Method m = t.getClass().getMethod("getErrors");
            if (java.util.List.class.isAssignableFrom(m.getReturnType())) {
                java.util.List<Throwable> out = new java.util.ArrayList<>();
                for (Object o : (java.util.List<?>) m.invoke(t)) {
                    if (o instanceof Throwable x) {
                        out.add(x);
                    }
                }
                return out;
            }
        } catch (ReflectiveOperationException | RuntimeException ignored) {
            // not an aggregate
        }
        return java.util.List.of();
    }
}
