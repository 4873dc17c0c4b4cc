package io.cutplan.host.confluence;

import com.atlassian.confluence.content.render.xhtml.ConversionContext;
import com.atlassian.mail.Email;
import com.atlassian.mail.MailException;
import com.atlassian.mail.server.MailServerManager;
import com.atlassian.mail.server.SMTPMailServer;
import com.atlassian.sal.api.ApplicationProperties;
import com.atlassian.sal.api.UrlMode;
import com.atlassian.sal.api.message.I18nResolver;
import com.atlassian.sal.api.pluginsettings.PluginSettings;
import com.atlassian.sal.api.pluginsettings.PluginSettingsFactory;
import com.atlassian.sal.api.user.UserKey;
import com.atlassian.sal.api.user.UserManager;
import com.atlassian.sal.api.user.UserProfile;
import com.atlassian.webresource.api.assembler.PageBuilderService;
import com.atlassian.webresource.api.assembler.RequiredResources;
import com.atlassian.webresource.api.assembler.WebResourceAssembler;
import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Small in-memory implementations of the Confluence host services the plugin uses, for tests outside Confluence.
 * They implement the compile-only stub interfaces, so they also work inside Felix (the stubs are exported by the
 * system bundle there).
 */
public final class HostFakes {
    public static final Path I18N = Path.of("src/confluence/resources/i18n/cutplan.properties");

    private HostFakes() {
    }

    /** SAL plugin settings in a map, like Confluence's (strings in, strings out). */
    public static final class Settings implements PluginSettingsFactory, PluginSettings {
        public final Map<String, Object> values = new HashMap<>();

        @Override
        public PluginSettings createGlobalSettings() {
            return this;
        }

        @Override
        public Object get(String key) {
            return values.get(key);
        }

        @Override
        public Object put(String key, Object value) {
            return values.put(key, value);
        }

        @Override
        public Object remove(String key) {
            return values.remove(key);
        }
    }

    /** Our own i18n file through MessageFormat, like Confluence's resolver; a missing key fails the test. */
    public static final class I18n implements I18nResolver {
        private final Properties properties = load();

        private static Properties load() {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(I18N, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return p;
        }

        @Override
        public String getText(String key) {
            return getText(key, new Serializable[0]);
        }

        @Override
        public String getText(String key, Serializable... arguments) {
            String pattern = properties.getProperty(key);
            if (pattern == null) {
                throw new AssertionError("i18n key missing from " + I18N + ": " + key);
            }
            return new MessageFormat(pattern, Locale.ENGLISH).format(arguments);
        }

        public boolean has(String key) {
            return properties.containsKey(key);
        }
    }

    /**
     * SAL's UserManager for one logged-in user (or nobody): profile, system administrator flag and group memberships
     * are fields a test may change between calls, and every group question SAL is asked is counted.
     */
    public static final class Users implements UserManager {
        private final String username;
        public volatile boolean sysadmin;
        public volatile String fullName;
        public volatile String email;
        public final java.util.Set<String> groups = java.util.concurrent.ConcurrentHashMap.newKeySet();
        public final java.util.concurrent.atomic.AtomicInteger groupQuestions = new java.util.concurrent.atomic.AtomicInteger();

        public Users(String username, boolean sysadmin) {
            this.username = username;
            this.sysadmin = sysadmin;
        }

        public static Users anonymous() {
            return new Users(null, false);
        }

        /** The same user with a full name and e-mail in Confluence. */
        public Users profile(String fullName, String email) {
            this.fullName = fullName;
            this.email = email;
            return this;
        }

        /** The same user, member of these Confluence groups. */
        public Users inGroups(String... names) {
            groups.addAll(List.of(names));
            return this;
        }

        @Override
        public UserProfile getRemoteUser() {
            if (username == null) {
                return null;
            }
            return new UserProfile() {
                @Override
                public UserKey getUserKey() {
                    return new UserKey("key-" + username);
                }

                @Override
                public String getUsername() {
                    return username;
                }

                @Override
                public String getFullName() {
                    return fullName;
                }

                @Override
                public String getEmail() {
                    return email;
                }
            };
        }

        @Override
        public UserKey getRemoteUserKey() {
            return username == null ? null : new UserKey("key-" + username);
        }

        @Override
        public boolean isSystemAdmin(UserKey userKey) {
            groupQuestions.incrementAndGet();
            return sysadmin && userKey != null && userKey.getStringValue().equals("key-" + username);
        }

        @Override
        public boolean isUserInGroup(UserKey userKey, String group) {
            groupQuestions.incrementAndGet();
            return userKey != null && userKey.getStringValue().equals("key-" + username) && groups.contains(group);
        }
    }

    public static final class App implements ApplicationProperties {
        @Override
        public String getBaseUrl(UrlMode urlMode) {
            return urlMode == UrlMode.RELATIVE ? "/wiki" : "https://confluence.example.com/wiki";
        }
    }

    /** Records which web-resources a macro required. */
    public static final class PageBuilder implements PageBuilderService, WebResourceAssembler, RequiredResources {
        public final List<String> required = new ArrayList<>();

        @Override
        public WebResourceAssembler assembler() {
            return this;
        }

        @Override
        public RequiredResources resources() {
            return this;
        }

        @Override
        public RequiredResources requireWebResource(String moduleCompleteKey) {
            required.add(moduleCompleteKey);
            return this;
        }
    }

    public static ConversionContext output(String type) {
        return () -> type;
    }

    /** Confluence's mail server registry with at most one default SMTP server that records what it was given. */
    public static final class Mail implements MailServerManager {
        public SMTPMailServer server;

        @Override
        public SMTPMailServer getDefaultSMTPMailServer() {
            return server;
        }

        @Override
        public boolean isDefaultSMTPMailServerDefined() {
            return server != null;
        }
    }

    public static final class RecordingSmtp implements SMTPMailServer {
        public final List<Email> sent = new ArrayList<>();
        public MailException failWith;

        @Override
        public void send(Email email) throws MailException {
            if (failWith != null) {
                throw failWith;
            }
            sent.add(email);
        }

        @Override
        public String getDefaultFrom() {
            return "confluence@example.com";
        }
    }

    /** Reads a field of the stub {@link Email} (the real class has getters; the stub keeps only what tests need). */
    public static String field(Email email, String name) {
        try {
            var f = Email.class.getDeclaredField(name);
            f.setAccessible(true);
            return (String) f.get(email);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
