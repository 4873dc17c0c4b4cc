package io.cutplan.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Comments on step instances. */
public final class CommentDao {
    private CommentDao() {
    }

    public record CommentRow(UUID id, UUID stepInstanceId, UUID authorId, String authorName, String body, Instant createdAt) {
    }

    private static final String COLUMNS = "id, step_instance_id, author_id, author_name, body, created_at";

    public static CommentRow insert(Connection c, UUID iterationId, UUID stepInstanceId, UUID authorId, String authorName,
                                    String body, long changeVersion) throws SQLException {
        return Jdbc.one(c, "INSERT INTO comments (id, iteration_id, step_instance_id, author_id, author_name, body, "
                        + "changed_in_version) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING " + COLUMNS, CommentDao::map,
                Ids.newId(), iterationId, stepInstanceId, authorId, authorName, body, changeVersion).orElseThrow();
    }

    /** The step's comments, oldest first. */
    public static List<CommentRow> forStep(Connection c, UUID stepInstanceId) throws SQLException {
        return Jdbc.list(c, "SELECT " + COLUMNS + " FROM comments WHERE step_instance_id = ? ORDER BY created_at, id",
                CommentDao::map, stepInstanceId);
    }

    private static CommentRow map(java.sql.ResultSet rs) throws SQLException {
        return new CommentRow(Jdbc.uuid(rs, "id"), Jdbc.uuid(rs, "step_instance_id"), Jdbc.uuid(rs, "author_id"),
                rs.getString("author_name"), rs.getString("body"), Jdbc.instant(rs, "created_at"));
    }
}
