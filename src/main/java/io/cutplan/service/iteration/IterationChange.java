package io.cutplan.service.iteration;

import io.cutplan.service.spi.EventListener;
import io.cutplan.domain.Caller;
import io.cutplan.domain.EventType;
import io.cutplan.store.EventLogDao;
import io.cutplan.store.EventRecord;
import io.cutplan.store.Ids;
import io.cutplan.store.IterationDao;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One committed change to one iteration: the iteration's version rises once, every row the change touches
 * is stamped with that version, and each consequence is recorded as its own event. Create it inside the
 * transaction, before touching any instance row.
 */
public final class IterationChange {
    private final Connection connection;
    private final UUID iterationId;
    private final Caller actor;
    private final long version;
    private final List<EventListener> listeners;
    private final List<EventRecord> recorded = new ArrayList<>();

    private IterationChange(Connection connection, UUID iterationId, Caller actor, long version, List<EventListener> listeners) {
        this.connection = connection;
        this.iterationId = iterationId;
        this.actor = actor;
        this.version = version;
        this.listeners = listeners;
    }

    public static IterationChange begin(Connection c, UUID iterationId, Caller actor, List<EventListener> listeners)
            throws SQLException {
        long version = IterationDao.bumpVersion(c, iterationId);
        return new IterationChange(c, iterationId, actor, version, List.copyOf(listeners));
    }

    public Connection connection() {
        return connection;
    }

    public UUID iterationId() {
        return iterationId;
    }

    public Caller actor() {
        return actor;
    }

    /** The version every row changed here is stamped with. */
    public long version() {
        return version;
    }

    public List<EventRecord> recorded() {
        return List.copyOf(recorded);
    }

    public Event event(EventType type) {
        return new Event(type);
    }

    /** Builder for one event of this change. */
    public final class Event {
        private final EventType type;
        private UUID stepInstanceId;
        private UUID taskInstanceId;
        private UUID controlId;
        private UUID commentId;
        private Map<String, Object> details = Map.of();

        private Event(EventType type) {
            this.type = type;
        }

        public Event step(UUID stepInstanceId) {
            this.stepInstanceId = stepInstanceId;
            return this;
        }

        public Event task(UUID taskInstanceId) {
            this.taskInstanceId = taskInstanceId;
            return this;
        }

        public Event control(UUID controlId) {
            this.controlId = controlId;
            return this;
        }

        public Event comment(UUID commentId) {
            this.commentId = commentId;
            return this;
        }

        public Event details(Map<String, Object> details) {
            this.details = details;
            return this;
        }

        /** Appends the event and tells the listeners, all inside the change's transaction. */
        public EventRecord record() throws SQLException {
            EventRecord e = EventLogDao.append(connection, new EventRecord(Ids.newId(), null, type, actor.userId(),
                    actor.username(), iterationId, stepInstanceId, taskInstanceId, controlId, commentId, version, details));
            recorded.add(e);
            for (EventListener l : listeners) {
                l.onEvent(connection, e);
            }
            return e;
        }
    }
}
