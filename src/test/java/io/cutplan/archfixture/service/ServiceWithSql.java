package io.cutplan.archfixture.service;

/** Wrong on purpose: a service class with SQL text (belongs in a store DAO). */
public final class ServiceWithSql {
    public static final String ACTIVE_ADMINS = "SELECT count(*) FROM users WHERE role = 'ADMIN' AND active";
}
