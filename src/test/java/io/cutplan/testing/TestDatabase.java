package io.cutplan.testing;

import io.cutplan.store.Database;
import io.cutplan.store.DbConfig;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: a fresh, migrated database per test class on the run's one {@link PostgresServer}.
 * Test constructors and methods may take a {@link Database} or its {@link DbConfig}.
 */
public final class TestDatabase implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(TestDatabase.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        DbConfig config = PostgresServer.get().createMigratedDatabase();
        store(context).put(DbConfig.class, config);
        store(context).put(Database.class, Database.open(config));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Database db = store(context).remove(Database.class, Database.class);
        if (db != null) {
            db.close();
        }
        DbConfig config = store(context).remove(DbConfig.class, DbConfig.class);
        if (config != null) {
            PostgresServer.get().drop(config);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        Class<?> t = p.getParameter().getType();
        return t == Database.class || t == DbConfig.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        return store(e).get(p.getParameter().getType());
    }

    private static ExtensionContext.Store store(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        return classContext.getStore(NS);
    }
}
