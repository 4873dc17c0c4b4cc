package io.cutplan.host.confluence;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL driver registers itself with {@link DriverManager} when its class loads. DriverManager
 * lives in the JDK, so that registration would keep the whole bundle class loader (every class of the plugin)
 * alive after the plugin is disabled or upgraded. On stop we deregister the drivers our own class loader loaded.
 */
public final class JdbcDriverCleanup {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcDriverCleanup.class);

    private JdbcDriverCleanup() {
    }

    /** Drivers registered with DriverManager whose classes come from this class's own loader. */
    public static List<Driver> ownDrivers() {
        ClassLoader own = JdbcDriverCleanup.class.getClassLoader();
        List<Driver> result = new ArrayList<>();
        // getDrivers() lists the drivers visible to the caller, i.e. to this class's loader.
        for (Driver d : Collections.list(DriverManager.getDrivers())) {
            if (d.getClass().getClassLoader() == own) {
                result.add(d);
            }
        }
        return result;
    }

    /**
     * Deregisters {@link #ownDrivers()}, but only when this class comes from a discardable (bundle) class loader:
     * in a plain JVM (the standalone host, unit tests) the application class loader is never discarded and the
     * driver is shared with everything else in the process.
     */
    public static int deregisterOwnDrivers() {
        ClassLoader own = JdbcDriverCleanup.class.getClassLoader();
        if (own == ClassLoader.getSystemClassLoader() || own == ClassLoader.getPlatformClassLoader()) {
            return 0;
        }
        int count = 0;
        for (Driver d : ownDrivers()) {
            try {
                DriverManager.deregisterDriver(d);
                count++;
            } catch (SQLException | SecurityException e) {
                LOG.warn("Could not deregister JDBC driver {}: {}", d.getClass().getName(), e.getMessage());
            }
        }
        return count;
    }
}
