package io.cutplan.reliability;

import io.cutplan.store.Database;
import io.cutplan.store.Jdbc;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Names an error message must never show (issue 15, finding 11: a 33-deep JSON answered with Jackson's
 * {@code StreamReadConstraints.getMaxNestingDepth()}, a race answered with {@code (teams_code_key)}): the libraries
 * the server is built from, and the schema's own table, column-less constraint and index names, read from the
 * database itself so a new table is covered without anyone listing it. Every error answer of the hostile suite is
 * checked against both.
 */
final class InternalNames {
    private static final List<String> LIBRARIES = List.of("jackson", "streamreadconstraints", "jersey", "glassfish",
            "jetty", "hikari", "flyway", "postgresql", "psql", "jdbc", "hk2", "angus", "jakarta.", "java.", "javax.",
            "violates", "constraint", "relation \"");
    private static volatile InternalNames cached;

    private final Pattern schemaNames;

    private InternalNames(List<String> names) {
        // Only names with an underscore: plain words such as "users" or "teams" are also ordinary English.
        String alternatives = String.join("|", names.stream().filter(n -> n.contains("_")).map(Pattern::quote).toList());
        this.schemaNames = Pattern.compile("(?<![A-Za-z0-9_])(" + alternatives + ")(?![A-Za-z0-9_])");
    }

    static InternalNames of(Database db) {
        InternalNames names = cached;
        if (names == null) {
            names = new InternalNames(db.transactor().readOnly(c -> Jdbc.list(c,
                    "SELECT relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                            + "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'i', 'S', 'v') "
                            + "UNION SELECT conname FROM pg_constraint co JOIN pg_namespace n ON n.oid = co.connamespace "
                            + "WHERE n.nspname = current_schema() "
                            + "UNION SELECT tgname FROM pg_trigger WHERE NOT tgisinternal",
                    rs -> rs.getString(1))));
            cached = names;
        }
        return names;
    }

    /** The first table, constraint, index or trigger name the text contains. */
    Optional<String> leakedIn(String text) {
        var m = schemaNames.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The first library name (or PostgreSQL error wording) the text contains, ignoring case. */
    static Optional<String> libraryNameIn(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return LIBRARIES.stream().filter(lower::contains).findFirst();
    }
}
