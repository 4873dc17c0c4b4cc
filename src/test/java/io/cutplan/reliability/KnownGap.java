package io.cutplan.reliability;

import io.cutplan.testing.Api;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * A defect the hostile suite found in code this suite does not own, reported to the lead with its fix, and
 * tolerated here (listed in the summary, never silently) until it is fixed, so the normal run stays green
 * while the finding stays visible. They fail the build unless {@code -Dcutplan.tolerateKnownGaps=true} is given. A gap
 * that no longer reproduces is reported too, so the list shrinks as fixes land.
 */
public record KnownGap(String id, String fix, BiPredicate<HostileCase, Api.Response> matches) {

    /** Strict by default: a known gap fails the build unless -Dcutplan.tolerateKnownGaps=true is given. */
    public static final boolean STRICT = !Boolean.getBoolean("cutplan.tolerateKnownGaps");

    /**
     * Defects the suites have found and not yet fixed, each with its fix. None is open: the seven found in the first
     * run (database outage as 500, HTML 500 from the login filter, numbers coerced to text, NUL and null bodies as
     * 500, Jetty's HTML error pages, fsync off in the embedded database) are fixed and asserted.
     */
    public static final List<KnownGap> ALL = List.of();

    public static Optional<KnownGap> match(HostileCase c, Api.Response r) {
        if (STRICT) {
            return Optional.empty();
        }
        return ALL.stream().filter(g -> g.matches.test(c, r)).findFirst();
    }
}
