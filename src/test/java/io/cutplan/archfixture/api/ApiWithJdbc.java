package io.cutplan.archfixture.api;

import java.sql.ResultSet;

/** Wrong on purpose: an api class that reads JDBC result sets. */
public final class ApiWithJdbc {
    public ResultSet rows;
}
