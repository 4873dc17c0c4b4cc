package io.cutplan.host.confluence;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The runbook macro's parameters, read leniently (the macro browser stores whatever an author typed): an unknown
 * view falls back to the default, a polling interval is clamped to a sane range. Only the iteration reference is
 * validated strictly, because without it there is nothing to show.
 *
 * @param iteration     the iteration id (UUID), or null when chosen by migration + iteration code
 * @param migration     the migration's code or id, used with {@code iterationCode}
 * @param iterationCode the iteration's code within the migration
 * @param view          one of {@link #VIEWS}
 * @param pollSeconds   the dashboard's polling interval in seconds
 * @param team          an initial team filter, or null
 */
public record MacroParameters(String iteration, String migration, String iterationCode, String view, int pollSeconds,
                              String team) {

    /**
     * Views of the dashboard a page may open with: the runsheet of steps, what is ready for the viewer's teams, the
     * progress overview, what comes up next, the timeline, the review (the ids of the registered views).
     */
    public static final List<String> VIEWS = List.of("runsheet", "ready", "progress", "coming-up", "timeline", "review");
    public static final String DEFAULT_VIEW = "runsheet";
    public static final int DEFAULT_POLL_SECONDS = 5;
    public static final int MIN_POLL_SECONDS = 2;
    public static final int MAX_POLL_SECONDS = 300;
    private static final int MAX_TEXT = 200;
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** Why the parameters cannot select an iteration: an i18n key, or empty when they can. */
    public Optional<String> problem() {
        if (iteration != null) {
            return isUuid(iteration) ? Optional.empty() : Optional.of("cutplan.macro.error.iteration-id");
        }
        if (migration == null || iterationCode == null) {
            return Optional.of("cutplan.macro.error.no-iteration");
        }
        return Optional.empty();
    }

    /** An id as Cutplan shows it (a UUID in its usual text form). */
    static boolean isUuid(String s) {
        return UUID.matcher(s).matches();
    }

    public static MacroParameters from(Map<String, String> raw) {
        Map<String, String> p = raw == null ? Map.of() : raw;
        return new MacroParameters(
                text(p.get("iteration")),
                text(p.get("migration")),
                text(p.get("iterationCode")),
                view(p.get("view")),
                pollSeconds(p.get("pollSeconds")),
                text(p.get("team")));
    }

    private static String text(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String t = s.strip();
        return t.length() > MAX_TEXT ? t.substring(0, MAX_TEXT) : t;
    }

    private static String view(String s) {
        String v = text(s);
        return v != null && VIEWS.contains(v) ? v : DEFAULT_VIEW;
    }

    private static int pollSeconds(String s) {
        String v = text(s);
        if (v == null) {
            return DEFAULT_POLL_SECONDS;
        }
        try {
            return Math.max(MIN_POLL_SECONDS, Math.min(MAX_POLL_SECONDS, Integer.parseInt(v)));
        } catch (NumberFormatException e) {
            return DEFAULT_POLL_SECONDS;
        }
    }
}
