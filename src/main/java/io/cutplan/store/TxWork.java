package io.cutplan.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done inside one transaction on the given connection. */
@FunctionalInterface
public interface TxWork<T> {
    T run(Connection connection) throws SQLException;
}
