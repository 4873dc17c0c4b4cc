package io.cutplan.host.confluence;

import com.atlassian.sal.api.message.I18nResolver;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The runbook macro's parameters as the macro browser stores them. The iteration reference and the view are checked
 * strictly (the page says what is wrong: {@link #problem()}); the polling interval is clamped to a sane range and the
 * booleans read {@code true} only for the text "true" (what the macro browser's check box stores).
 *
 * <p>The iteration is chosen by one of: its id ({@code iteration}, kept for pages written before the codes existed);
 * the migration's code plus the iteration's code; or the migration's code plus {@code inProgress=true}, meaning the
 * migration's iteration that is in progress, else its next planned one ({@link MacroIterations}).
 *
 * @param iteration     the iteration id (UUID), or null when chosen by migration
 * @param migration     the migration's code or id
 * @param iterationCode the iteration's code within the migration
 * @param inProgress    "the one in progress" instead of an iteration code
 * @param view          the view the dashboard opens with, as written (checked against {@link #VIEWS})
 * @param compact       the compact dashboard, for a page that shows it beside other content
 * @param pollSeconds   the dashboard's polling interval in seconds
 * @param team          an initial team filter, or null
 */
public record MacroParameters(String iteration, String migration, String iterationCode, boolean inProgress, String view,
                              boolean compact, int pollSeconds, String team) {

    /**
     * Every parameter the macro reads, in the order of the descriptor's {@code <parameters>} (DescriptorTest keeps the
     * descriptor, the macro browser's i18n labels and this list in step).
     */
    public static final List<String> NAMES = List.of("iteration", "migration", "iterationCode", "inProgress", "view",
            "compact", "pollSeconds", "team");

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

    /** What is wrong with a macro's parameters (or with the iteration they name): an i18n key and its arguments. */
    public record Problem(String key, List<String> arguments) {
        public static Problem of(String key, String... arguments) {
            return new Problem(key, List.of(arguments));
        }

        /** The sentence for the page. */
        public String text(I18nResolver i18n) {
            return i18n.getText(key, arguments.toArray(Serializable[]::new));
        }
    }

    /** Why the parameters cannot select an iteration or a view, or empty when they can. */
    public Optional<Problem> problem() {
        if (!VIEWS.contains(view)) {
            return Optional.of(Problem.of("cutplan.macro.error.view", view, String.join(", ", VIEWS)));
        }
        if (iteration != null) {
            return isUuid(iteration) ? Optional.empty() : Optional.of(Problem.of("cutplan.macro.error.iteration-id"));
        }
        if (migration == null || (iterationCode == null && !inProgress)) {
            return Optional.of(Problem.of("cutplan.macro.error.no-iteration"));
        }
        if (iterationCode != null && inProgress) {
            return Optional.of(Problem.of("cutplan.macro.error.code-and-in-progress"));
        }
        return Optional.empty();
    }

    /** An id as Cutplan shows it (a UUID in its usual text form). */
    static boolean isUuid(String s) {
        return UUID.matcher(s).matches();
    }

    public static MacroParameters from(Map<String, String> raw) {
        Map<String, String> p = raw == null ? Map.of() : raw;
        String view = text(p.get("view"));
        return new MacroParameters(
                text(p.get("iteration")),
                text(p.get("migration")),
                text(p.get("iterationCode")),
                flag(p.get("inProgress")),
                view == null ? DEFAULT_VIEW : view,
                flag(p.get("compact")),
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

    private static boolean flag(String s) {
        String v = text(s);
        return v != null && v.toLowerCase(Locale.ROOT).equals("true");
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
