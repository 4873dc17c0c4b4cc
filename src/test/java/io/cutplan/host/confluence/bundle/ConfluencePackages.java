package io.cutplan.host.confluence.bundle;

import java.util.ArrayList;
import java.util.List;

/**
 * The packages each Confluence version exports to plugins that our bundles import, as the system bundle of a test
 * Felix exports them.
 *
 * <p>Source: the project's platform notes, confluence-platform.md (target versions table: Confluence 10 = Jakarta EE 10,
 * jakarta.ws.rs 3.1 on Jersey 3, Spring 6; Confluence 9.2 LTS = javax.ws.rs 2.1 on Jersey 2, javax.inject,
 * javax.servlet 4, Spring 5) and its list of the Atlassian APIs the plugin relies on (macro, SAL user/settings/i18n,
 * atlassian-mail, web-resource assembler, REST v2 security annotations), which both versions export. Versions are
 * written as Confluence exports them but do not matter: our imports carry no version range. No running Confluence
 * was available to copy its exact list; these are the packages our bundles need, each a real export of the host.
 * JDK packages (javax.sql, javax.naming, ...) and org.osgi.framework come from Felix's own default list.
 */
final class ConfluencePackages {
    private ConfluencePackages() {
    }

    /** The Atlassian API packages: the same in 9.2 and 10. Their classes come from the compile-only stubs. */
    static final List<String> ATLASSIAN = List.of(
            "com.atlassian.confluence.macro",
            "com.atlassian.confluence.content.render.xhtml",
            "com.atlassian.sal.api",
            "com.atlassian.sal.api.user",
            "com.atlassian.sal.api.pluginsettings",
            "com.atlassian.sal.api.message",
            "com.atlassian.mail",
            "com.atlassian.mail.server",
            "com.atlassian.webresource.api.assembler",
            "com.atlassian.plugins.rest.api.security.annotation");

    static final List<String> CONFLUENCE_10 = List.of(
            "jakarta.ws.rs;version=3.1.0",
            "jakarta.ws.rs.container;version=3.1.0",
            "jakarta.ws.rs.core;version=3.1.0",
            "jakarta.ws.rs.ext;version=3.1.0",
            "jakarta.inject;version=2.0.1",
            "jakarta.servlet;version=6.0.0",
            "jakarta.servlet.http;version=6.0.0",
            "org.springframework.beans.factory;version=6.1.0",
            "org.slf4j;version=2.0.0",
            "org.slf4j.helpers;version=2.0.0");

    static final List<String> CONFLUENCE_92 = List.of(
            "javax.ws.rs;version=2.1.1",
            "javax.ws.rs.container;version=2.1.1",
            "javax.ws.rs.core;version=2.1.1",
            "javax.ws.rs.ext;version=2.1.1",
            "javax.inject;version=1.0.0",
            "javax.servlet;version=4.0.0",
            "javax.servlet.http;version=4.0.0",
            "org.springframework.beans.factory;version=5.3.0",
            "org.slf4j;version=1.7.36",
            "org.slf4j.helpers;version=1.7.36");

    static List<String> exportedBy(PluginJar.Target target) {
        List<String> all = new ArrayList<>(ATLASSIAN);
        all.addAll(target == PluginJar.Target.CONFLUENCE_10 ? CONFLUENCE_10 : CONFLUENCE_92);
        return all;
    }
}
