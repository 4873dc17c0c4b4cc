package io.cutplan.domain;

import io.cutplan.domain.ImportProblem.Code;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Resolves the team names an imported file writes against the teams that exist: a value names a team by its code or
 * its name, ignoring case and spaces ({@code "Network Ops"}, {@code "network ops"} and {@code "NETWORKOPS"} are one
 * team). With {@code createTeams}, a value that names no team creates one whose code is derived from the name
 * ({@link #deriveCode}: {@code "Network Ops"} becomes {@code NETWORK_OPS}); values that derive the same code are one
 * new team. It also warns about near-duplicates ({@link #similar}), so {@code IT_MNGMT} is not created beside
 * {@code IT_MGMT} unnoticed.
 */
public final class TeamDirectory {
    private TeamDirectory() {
    }

    /** A team that exists. */
    public record Team(String code, String name) {
    }

    /** A team the import would create, and the lines of the file that name it. */
    public record NewTeam(String code, String name, List<Integer> lines) {
    }

    /**
     * {@code codeOf} maps every value of the file (as written) to the code of its team, existing or new; values that
     * name no team are absent and have a problem instead.
     */
    public record Resolution(Map<String, String> codeOf, List<NewTeam> created, List<ImportProblem> problems,
                             List<ImportProblem> warnings) {
    }

    /** The matching key: lower case, without any white space. */
    public static String key(String value) {
        return value.toLowerCase(Locale.ROOT).replaceAll("\\s+", "");
    }

    /**
     * The code a new team gets from its name: upper case, every run of characters other than A-Z and 0-9 becomes one
     * '_', none at either end, at most 64 characters; null when nothing is left.
     */
    public static String deriveCode(String name) {
        String normalized = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String code = normalized.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (code.length() > 64) {
            code = code.substring(0, 64).replaceAll("_+$", "");
        }
        return code.isEmpty() ? null : code;
    }

    /**
     * The near-duplicate rule. Two spellings are compared on their letters and digits only, in lower case
     * ({@code E_BANKING} and {@code EBANKING} are the same there). They are similar when those are equal, or when both
     * have at least 4 characters, the same digits in the same order (so {@code OPS1} and {@code OPS2} are different
     * teams, not typos) and an edit distance of at most 2 that is at most a fifth of the longer one
     * ({@code IT_MGMT}/{@code IT_MNGMT}: 1 of 7).
     */
    public static boolean similar(String a, String b) {
        String x = alphanumeric(a);
        String y = alphanumeric(b);
        if (x.isEmpty() || y.isEmpty()) {
            return false;
        }
        if (x.equals(y)) {
            return true;
        }
        if (Math.min(x.length(), y.length()) < 4 || !digits(x).equals(digits(y))) {
            return false;
        }
        int longer = Math.max(x.length(), y.length());
        int d = editDistance(x, y, 2);
        return d <= 2 && d * 5 <= longer;
    }

    public static Resolution resolve(List<Team> existing, List<PlanCsv.Reference> references, boolean createTeams) {
        Map<String, Team> byCode = new HashMap<>();
        Map<String, List<Team>> byName = new HashMap<>();
        for (Team t : existing) {
            byCode.put(key(t.code()), t);
            byName.computeIfAbsent(key(t.name()), k -> new ArrayList<>()).add(t);
        }
        Map<String, String> codeOf = new LinkedHashMap<>();
        Map<String, NewTeam> created = new LinkedHashMap<>();
        Map<String, Set<Integer>> linesOf = new LinkedHashMap<>();
        List<ImportProblem> problems = new ArrayList<>();
        for (PlanCsv.Reference ref : references) {
            String k = key(ref.name());
            Team team = byCode.get(k);
            if (team == null) {
                List<Team> named = byName.getOrDefault(k, List.of());
                if (named.size() > 1) {
                    problems.add(ImportProblem.of(Code.AMBIGUOUS_TEAM, ref.line(), ref.column().header(), "Team '"
                            + PlanCsv.abbreviate(ref.name(), 60) + "' could be " + named.stream().map(Team::code).toList()
                            + " (they have the same name); write the team's code").withLines(ref.lines()));
                    continue;
                }
                team = named.isEmpty() ? null : named.get(0);
            }
            if (team == null && createTeams) {
                String derived = deriveCode(ref.name());
                if (derived == null) {
                    problems.add(ImportProblem.of(Code.INVALID_TEAM_NAME, ref.line(), ref.column().header(), "Team '"
                            + PlanCsv.abbreviate(ref.name(), 60) + "' has no letter or digit to make a team code from").withLines(ref.lines()));
                    continue;
                }
                team = byCode.get(key(derived));
                if (team == null) {
                    String name = ref.name().replaceAll("\\s+", " ");
                    if (name.length() > 200) {
                        problems.add(ImportProblem.of(Code.TOO_LONG, ref.line(), ref.column().header(), "Team name is "
                                + name.length() + " characters long; the limit is 200").withLines(ref.lines()));
                        continue;
                    }
                    NewTeam t = created.computeIfAbsent(derived, c -> new NewTeam(c, name, new ArrayList<>()));
                    t.lines().addAll(ref.lines());
                    codeOf.put(ref.name(), derived);
                    linesOf.computeIfAbsent(derived, c -> new TreeSet<>()).addAll(ref.lines());
                    continue;
                }
            }
            if (team == null) {
                problems.add(unknown(ref, existing));
                continue;
            }
            codeOf.put(ref.name(), team.code());
            linesOf.computeIfAbsent(team.code(), c -> new TreeSet<>()).addAll(ref.lines());
        }
        List<NewTeam> newTeams = created.values().stream()
                .map(t -> new NewTeam(t.code(), t.name(), t.lines().stream().distinct().sorted().toList())).toList();
        return new Resolution(codeOf, newTeams, problems, similarWarnings(existing, newTeams, linesOf));
    }

    private static ImportProblem unknown(PlanCsv.Reference ref, List<Team> existing) {
        String k = alphanumeric(ref.name());
        List<String> suggestions = existing.stream()
                .map(t -> Map.entry(t, Math.min(editDistance(k, alphanumeric(t.code()), 3), editDistance(k, alphanumeric(t.name()), 3))))
                .filter(e -> e.getValue() <= Math.max(2, k.length() / 3))
                .sorted(Comparator.comparingInt((Map.Entry<Team, Integer> e) -> e.getValue()).thenComparing(e -> e.getKey().code()))
                .limit(3).map(e -> e.getKey().code() + " (" + PlanCsv.abbreviate(e.getKey().name(), 40) + ")").toList();
        return ImportProblem.of(Code.UNKNOWN_TEAM, ref.line(), ref.column().header(), "Unknown team '"
                + PlanCsv.abbreviate(ref.name(), 60) + "'" + (ref.lines().size() > 1 ? " (on " + ref.lines().size() + " lines)" : "")
                + ": no team has this code or name (case and spaces ignored) among the " + existing.size() + " teams"
                + (suggestions.isEmpty() ? "" : "; did you mean " + String.join(", ", suggestions) + "?")
                + " Create it first or import with createTeams=true").withLines(ref.lines());
    }

    /**
     * One warning per pair of similar teams of which at least one is new: the near-duplicate an import would create.
     * Two teams that both exist already were made on purpose (CRD-OPS and CRM-OPS), so they are not warned about.
     */
    private static List<ImportProblem> similarWarnings(List<Team> existing, List<NewTeam> created, Map<String, Set<Integer>> linesOf) {
        Map<String, Team> all = new LinkedHashMap<>();
        existing.forEach(t -> all.put(t.code(), t));
        Set<String> newCodes = new LinkedHashSet<>();
        created.forEach(t -> {
            all.put(t.code(), new Team(t.code(), t.name()));
            newCodes.add(t.code());
        });
        List<ImportProblem> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String named : linesOf.keySet()) {
            Team a = all.get(named);
            for (Team b : all.values()) {
                if (!newCodes.contains(a.code()) && !newCodes.contains(b.code())) {
                    continue;
                }
                if (b.code().equals(a.code()) || !(similar(a.code(), b.code()) || similar(a.name(), b.name())
                        || similar(a.code(), b.name()) || similar(a.name(), b.code()))) {
                    continue;
                }
                String pair = a.code().compareTo(b.code()) < 0 ? a.code() + "|" + b.code() : b.code() + "|" + a.code();
                if (!seen.add(pair)) {
                    continue;
                }
                List<Integer> lines = new ArrayList<>(linesOf.get(named));
                lines.addAll(linesOf.getOrDefault(b.code(), Set.of()));
                out.add(ImportProblem.of(Code.SIMILAR_TEAM_NAMES, lines.get(0), null, "").withLines(lines).warning("Teams "
                        + describe(a, newCodes) + " and " + describe(b, newCodes) + " have similar names; check they are not the same team"));
            }
        }
        return out;
    }

    private static String describe(Team t, Set<String> newCodes) {
        return t.code() + " ('" + PlanCsv.abbreviate(t.name(), 40) + "', " + (newCodes.contains(t.code()) ? "new" : "existing") + ")";
    }

    private static String alphanumeric(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    }

    private static String digits(String s) {
        return s.replaceAll("\\D", "");
    }

    /** Levenshtein distance, giving up (returning {@code limit + 1}) once it must exceed {@code limit}. */
    static int editDistance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) > limit) {
            return limit + 1;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                rowMin = Math.min(rowMin, cur[j]);
            }
            if (rowMin > limit) {
                return limit + 1;
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return Math.min(prev[b.length()], limit + 1);
    }
}
