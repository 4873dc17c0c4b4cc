package io.cutplan.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;

/**
 * Confluence's XSRF rule, applied in every host so the page code is identical everywhere: a mutating
 * request must carry {@code X-Atlassian-Token: no-check}. A cross-site form cannot set that header.
 */
@Provider
@PreMatching
public class XsrfFilter implements ContainerRequestFilter {
    public static final String HEADER = "X-Atlassian-Token";
    public static final String VALUE = "no-check";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Override
    public void filter(ContainerRequestContext request) {
        if (SAFE_METHODS.contains(request.getMethod())) {
            return;
        }
        if (!VALUE.equalsIgnoreCase(request.getHeaderString(HEADER))) {
            request.abortWith(ErrorResponses.response(403, new ErrorBody("xsrf_check_failed",
                    "Mutating requests must send the header " + HEADER + ": " + VALUE, HEADER, null)));
        }
    }
}
