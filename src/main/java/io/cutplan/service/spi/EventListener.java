package io.cutplan.service.spi;

import io.cutplan.store.EventRecord;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Told of every event inside the transaction that records it, so whatever it writes (an outbox message,
 * say) commits or rolls back together with the change itself.
 */
@FunctionalInterface
public interface EventListener {
    void onEvent(Connection connection, EventRecord event) throws SQLException;
}
