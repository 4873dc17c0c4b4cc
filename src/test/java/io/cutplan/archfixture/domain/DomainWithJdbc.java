package io.cutplan.archfixture.domain;

import java.sql.Connection;

/** Wrong on purpose: a domain class that imports java.sql. */
public final class DomainWithJdbc {
    public Connection connection;
}
