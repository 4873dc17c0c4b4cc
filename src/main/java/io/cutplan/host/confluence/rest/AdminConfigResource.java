package io.cutplan.host.confluence.rest;

import com.atlassian.plugins.rest.api.security.annotation.SystemAdminOnly;
import com.atlassian.sal.api.user.UserManager;
import io.cutplan.domain.DomainException;
import io.cutplan.host.confluence.AdminAccess;
import io.cutplan.host.confluence.ConfluenceMailTransport;
import io.cutplan.host.confluence.ConfluenceSettingsStore;
import io.cutplan.host.confluence.ConnectionTester;
import io.cutplan.host.confluence.CutplanRuntime;
import io.cutplan.host.confluence.PluginConfig;
import io.cutplan.host.confluence.RuntimeStatus;
import io.cutplan.store.DbConfig;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Cutplan's settings inside Confluence, for the configuration page. System administrators only (checked here and
 * by Confluence through {@link SystemAdminOnly}). Saving restarts Cutplan's runtime on this node with the new
 * settings and answers with its new state.
 */
@Path("/admin/config")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SystemAdminOnly
public class AdminConfigResource {
    static final int MAX_TEXT = 500;
    static final int MAX_GROUP = 255;

    private final ConfluenceSettingsStore store;
    private final CutplanRuntime runtime;
    private final ConfluenceMailTransport mail;
    private final UserManager users;

    @Inject
    public AdminConfigResource(ConfluenceSettingsStore store, CutplanRuntime runtime, ConfluenceMailTransport mail,
                               UserManager users) {
        this.store = store;
        this.runtime = runtime;
        this.mail = mail;
        this.users = users;
    }

    @GET
    public AdminConfigView get() {
        AdminAccess.require(users);
        return view(store.load());
    }

    @PUT
    public AdminConfigView put(AdminConfigUpdate update) {
        AdminAccess.require(users);
        PluginConfig merged = merge(store.load(), update);
        store.save(merged);
        runtime.restart();
        return view(merged);
    }

    /** Tries the submitted database settings (stored password when none is given) without saving them. */
    @POST
    @Path("/test-connection")
    public ConnectionTester.Result testConnection(AdminConfigUpdate update) {
        AdminAccess.require(users);
        PluginConfig merged = merge(store.load(), update);
        return ConnectionTester.test(dbConfig(merged));
    }

    static PluginConfig merge(PluginConfig current, AdminConfigUpdate update) {
        if (update == null) {
            throw DomainException.invalid(null, "A JSON object with 'database', 'mail' and/or 'identity' is required");
        }
        String url = current.dbUrl();
        String user = current.dbUser();
        String password = current.dbPassword();
        String ownerUser = current.dbOwnerUser();
        String ownerPassword = current.dbOwnerPassword();
        int pool = current.dbPoolSize();
        if (update.database() != null) {
            AdminConfigUpdate.Database d = update.database();
            url = text("database.url", d.url());
            if (url != null && url.toLowerCase(java.util.Locale.ROOT).contains("password=")) {
                // The URL is shown on the page again; a password inside it would be echoed back.
                throw DomainException.invalid("database.url", "Put the password in the password field, not in the URL");
            }
            user = text("database.user", d.user());
            if (d.password() != null) {
                password = d.password().isEmpty() ? null : limit("database.password", d.password());
            }
            ownerUser = text("database.ownerUser", d.ownerUser());
            if (d.ownerPassword() != null) {
                ownerPassword = d.ownerPassword().isEmpty() ? null : limit("database.ownerPassword", d.ownerPassword());
            }
            if (ownerUser == null) {
                ownerPassword = null;
            }
            if (d.poolSize() != null) {
                if (d.poolSize() < 1 || d.poolSize() > PluginConfig.MAX_POOL_SIZE) {
                    throw DomainException.invalid("database.poolSize", "The pool size must be between 1 and "
                            + PluginConfig.MAX_POOL_SIZE);
                }
                pool = d.poolSize();
            }
        }
        boolean mailEnabled = current.mailEnabled();
        String fromName = current.mailFromName();
        if (update.mail() != null) {
            if (update.mail().enabled() != null) {
                mailEnabled = update.mail().enabled();
            }
            String f = text("mail.fromName", update.mail().fromName());
            if (f != null && (f.indexOf('\r') >= 0 || f.indexOf('\n') >= 0)) {
                throw DomainException.invalid("mail.fromName", "The sender name must be on one line");
            }
            fromName = f == null ? PluginConfig.DEFAULT_FROM_NAME : f;
        }
        String adminGroup = current.adminGroup();
        String pilotGroup = current.pilotGroup();
        if (update.identity() != null) {
            adminGroup = group("identity.adminGroup", update.identity().adminGroup());
            pilotGroup = group("identity.pilotGroup", update.identity().pilotGroup());
        }
        PluginConfig merged = new PluginConfig(url, user, password, pool, mailEnabled, fromName, ownerUser, ownerPassword,
                adminGroup, pilotGroup);
        if (merged.databaseConfigured()) {
            dbConfig(merged);
        }
        return merged;
    }

    private static DbConfig dbConfig(PluginConfig config) {
        if (!config.databaseConfigured()) {
            throw DomainException.invalid("database.url", "A JDBC URL is required, for example jdbc:postgresql://db.example.com:5432/cutplan");
        }
        try {
            return config.dbConfig().orElseThrow();
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("database.url", "Only PostgreSQL is supported: the URL must start with jdbc:postgresql:");
        }
    }

    /** A Confluence group name: one line, at most {@link #MAX_GROUP} characters; blank = none. */
    private static String group(String field, String value) {
        String g = text(field, value);
        if (g != null && g.length() > MAX_GROUP) {
            throw DomainException.invalid(field, "A group name has at most " + MAX_GROUP + " characters");
        }
        if (g != null && g.chars().anyMatch(Character::isISOControl)) {
            throw DomainException.invalid(field, "A group name must be on one line");
        }
        return g;
    }

    private static String text(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return limit(field, value.strip());
    }

    private static String limit(String field, String value) {
        if (value.length() > MAX_TEXT) {
            throw DomainException.invalid(field, "At most " + MAX_TEXT + " characters");
        }
        return value;
    }

    private AdminConfigView view(PluginConfig c) {
        RuntimeStatus s = runtime.status();
        return new AdminConfigView(
                new AdminConfigView.Database(c.dbUrl(), c.dbUser(), c.hasPassword(), c.dbPoolSize(), c.dbOwnerUser(),
                        c.hasOwnerPassword()),
                new AdminConfigView.Mail(c.mailEnabled(), c.mailFromName(), mail.serverAvailable(), mail.describe()),
                new AdminConfigView.Identity(c.adminGroup(), c.pilotGroup()),
                new AdminConfigView.Status(s.state().name(), s.message(), s.schema()));
    }
}
