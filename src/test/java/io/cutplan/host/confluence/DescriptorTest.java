package io.cutplan.host.confluence;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.confluence.macro.Macro;
import io.cutplan.host.confluence.rest.AdminConfigResource;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * atlassian-plugin.xml as written in the repository: well-formed, complete, every string translatable, every class
 * and file it names present and of the right kind. (The bundle tests check the packaged copy.)
 */
class DescriptorTest {
    private final Document descriptor = PluginFiles.xml(PluginFiles.DESCRIPTOR);
    private final Element root = descriptor.getDocumentElement();
    private final HostFakes.I18n i18n = new HostFakes.I18n();

    @Test
    void theKeyIsTheOneEverythingElseUses() {
        assertThat(root.getTagName()).isEqualTo("atlassian-plugin");
        assertThat(root.getAttribute("key")).isEqualTo(PluginKeys.PLUGIN_KEY)
                .isEqualTo(System.getProperty("cutplan.plugin.key", PluginKeys.PLUGIN_KEY));
        assertThat(root.getAttribute("plugins-version")).isEqualTo("2");
    }

    @Test
    void pluginInfoDeclaresVersionVendorImagesDataCenterAndConfigureUrl() {
        Element info = PluginFiles.children(root, "plugin-info").get(0);
        assertThat(PluginFiles.children(info, "version").get(0).getTextContent()).isEqualTo("${project.version}");
        assertThat(PluginFiles.children(info, "vendor").get(0).getAttribute("name")).isNotBlank();
        assertThat(param(info, "atlassian-data-center-status")).isEqualTo("compatible");
        assertThat(param(info, "atlassian-data-center-compatible")).isEqualTo("true");
        assertThat(param(info, "configure.url")).isEqualTo(PluginKeys.CONFIGURE_PATH);
        assertThat(PluginFiles.RESOURCES.resolve(param(info, "plugin-icon"))).isRegularFile();
        assertThat(PluginFiles.RESOURCES.resolve(param(info, "plugin-logo"))).isRegularFile();
    }

    @Test
    void everyI18nKeyTheDescriptorUsesExists() {
        Element res = PluginFiles.children(root, "resource").stream().filter(r -> r.getAttribute("type").equals("i18n"))
                .findFirst().orElseThrow();
        assertThat(PluginFiles.RESOURCES.resolve(res.getAttribute("location").replace('.', '/') + ".properties"))
                .isEqualTo(HostFakes.I18N);
        List<String> keys = new ArrayList<>();
        for (String tag : List.of("description", "label")) {
            PluginFiles.elements(descriptor, tag).stream().map(e -> e.getAttribute("key")).filter(k -> !k.isEmpty())
                    .forEach(keys::add);
        }
        assertThat(keys).isNotEmpty();
        keys.forEach(k -> assertThat(i18n.has(k)).as("i18n key " + k).isTrue());
    }

    @Test
    void theMacroIsInTheMacroBrowserWithEveryParameterLabelled() {
        Element macro = PluginFiles.elements(descriptor, "xhtml-macro").get(0);
        assertThat(macro.getAttribute("name")).isEqualTo("cutplan-runbook");
        assertThat(Macro.class).isAssignableFrom(load(macro.getAttribute("class")));
        assertThat(PluginFiles.children(macro, "category").get(0).getAttribute("name")).isEqualTo("reporting");
        String icon = macro.getAttribute("icon");
        assertThat(icon).startsWith("/download/resources/" + PluginKeys.PLUGIN_KEY + "/images/");
        assertThat(PluginFiles.RESOURCES.resolve(icon.substring(icon.indexOf("images/")))).isRegularFile();
        String prefix = PluginKeys.PLUGIN_KEY + ".cutplan-runbook";
        assertThat(i18n.has(prefix + ".label")).isTrue();
        assertThat(i18n.has(prefix + ".desc")).isTrue();
        List<String> names = new ArrayList<>();
        Element view = null;
        for (Element p : PluginFiles.children(PluginFiles.children(macro, "parameters").get(0), "parameter")) {
            String name = p.getAttribute("name");
            names.add(name);
            assertThat(i18n.has(prefix + ".param." + name + ".label")).as(name + " label").isTrue();
            assertThat(i18n.has(prefix + ".param." + name + ".desc")).as(name + " description").isTrue();
            if (name.equals("view")) {
                view = p;
            }
        }
        assertThat(names).as("the descriptor declares exactly the parameters the macro reads, in order")
                .containsExactlyElementsOf(MacroParameters.NAMES);
        List<String> views = PluginFiles.children(view, "value").stream().map(v -> v.getAttribute("name")).toList();
        assertThat(views).containsExactlyElementsOf(MacroParameters.VIEWS);
        assertThat(view.getAttribute("default")).isEqualTo(MacroParameters.DEFAULT_VIEW);
    }

    /**
     * The macro browser's strings and the macro's parameters in step: every i18n key of the form
     * {@code <plugin>.cutplan-runbook.param.<name>.*} names a parameter the macro reads (no label left behind by a
     * removed parameter), and every parameter the macro reads is read by MacroParameters.from (a parameter listed
     * but ignored would be a lie in the macro browser).
     */
    @Test
    void theMacroBrowserLabelsNameOnlyParametersTheMacroReads() throws IOException {
        String prefix = PluginKeys.PLUGIN_KEY + ".cutplan-runbook.param.";
        java.util.Set<String> labelled = new java.util.TreeSet<>();
        for (String line : Files.readAllLines(HostFakes.I18N)) {
            if (line.startsWith(prefix)) {
                labelled.add(line.substring(prefix.length(), line.indexOf('.', prefix.length())));
            }
        }
        assertThat(labelled).containsExactlyInAnyOrderElementsOf(MacroParameters.NAMES);
        String source = Files.readString(Path.of("src/main/java/io/cutplan/host/confluence/MacroParameters.java"));
        for (String name : MacroParameters.NAMES) {
            assertThat(source).as(name + " read by MacroParameters.from").contains("p.get(\"" + name + "\")");
        }
        // The booleans are check boxes in the macro browser.
        Element macro = PluginFiles.elements(descriptor, "xhtml-macro").get(0);
        for (Element p : PluginFiles.children(PluginFiles.children(macro, "parameters").get(0), "parameter")) {
            if (List.of("inProgress", "compact").contains(p.getAttribute("name"))) {
                assertThat(p.getAttribute("type")).isEqualTo("boolean");
                assertThat(p.getAttribute("default")).isEqualTo("false");
            }
        }
    }

    @Test
    void everyViewTheRunbookMacroOffersIsAViewThePageRegisters() throws Exception {
        java.util.Set<String> registered = new java.util.HashSet<>();
        java.util.regex.Pattern id = java.util.regex.Pattern.compile("views\\.register\\(\\{\\s*id:\\s*'([a-z-]+)'");
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/web/js/views"))) {
            for (java.nio.file.Path f : files.toList()) {
                java.util.regex.Matcher m = id.matcher(java.nio.file.Files.readString(f));
                while (m.find()) {
                    registered.add(m.group(1));
                }
            }
        }
        assertThat(registered).contains("runsheet", "review");
        assertThat(registered).containsAll(MacroParameters.VIEWS);
        MacroParameters.VIEWS.forEach(v -> assertThat(i18n.has(PluginKeys.PLUGIN_KEY + ".cutplan-runbook.param.view.value." + v)).as(v).isTrue());
    }

    @Test
    void thePlansMacroIsInTheMacroBrowserWithItsViewsLabelled() {
        Element macro = PluginFiles.elements(descriptor, "xhtml-macro").get(1);
        assertThat(macro.getAttribute("name")).isEqualTo("cutplan-plans");
        assertThat(Macro.class).isAssignableFrom(load(macro.getAttribute("class")));
        String prefix = PluginKeys.PLUGIN_KEY + ".cutplan-plans";
        assertThat(i18n.has(prefix + ".label")).isTrue();
        assertThat(i18n.has(prefix + ".desc")).isTrue();
        List<Element> params = PluginFiles.children(PluginFiles.children(macro, "parameters").get(0), "parameter");
        assertThat(params.stream().map(p -> p.getAttribute("name")).toList()).containsExactly("plan", "view");
        params.forEach(p -> {
            assertThat(i18n.has(prefix + ".param." + p.getAttribute("name") + ".label")).isTrue();
            assertThat(i18n.has(prefix + ".param." + p.getAttribute("name") + ".desc")).isTrue();
        });
        List<String> views = PluginFiles.children(params.get(1), "value").stream().map(v -> v.getAttribute("name")).toList();
        assertThat(views).containsExactlyElementsOf(CutplanPlansMacro.VIEWS);
        views.forEach(v -> assertThat(i18n.has(prefix + ".param.view.value." + v)).as(v).isTrue());
    }

    @Test
    void restModuleServesThePackagesOfTheApi() {
        Element rest = PluginFiles.elements(descriptor, "rest").get(0);
        assertThat(rest.getAttribute("path")).as("path written with its leading slash, as in every public REST v2 descriptor")
                .isEqualTo("/cutplan");
        assertThat("/rest" + rest.getAttribute("path") + "/" + rest.getAttribute("version")).isEqualTo(PluginKeys.REST_PATH);
        List<String> packages = PluginFiles.children(rest, "package").stream().map(e -> e.getTextContent().trim()).toList();
        assertThat(packages).startsWith("io.cutplan.api").contains(AdminConfigResource.class.getPackageName());
        // SpringWiringTest proves every REST class of the bundle lives in one of these packages.
    }

    @Test
    void theConfigurationPageIsAServletAtTheConfigureUrl() {
        Element servlet = PluginFiles.elements(descriptor, "servlet").get(0);
        assertThat(HttpServlet.class).isAssignableFrom(load(servlet.getAttribute("class")));
        assertThat("/plugins/servlet" + PluginFiles.children(servlet, "url-pattern").get(0).getTextContent())
                .isEqualTo(PluginKeys.CONFIGURE_PATH);
    }

    @Test
    void webResourcesDependOnAuiAndTheirFilesExist() throws IOException {
        List<Element> resources = PluginFiles.elements(descriptor, "web-resource");
        assertThat(resources).extracting(e -> e.getAttribute("key"))
                .containsExactly("cutplan-dashboard-resources", "cutplan-admin-resources");
        assertThat(PluginKeys.DASHBOARD_RESOURCES).endsWith(":" + resources.get(0).getAttribute("key"));
        for (Element wr : resources) {
            assertThat(PluginFiles.children(wr, "dependency")).extracting(Element::getTextContent)
                    .contains("com.atlassian.auiplugin:ajs");
        }
        // The configuration page's files are ours and must exist now.
        for (Element r : PluginFiles.children(resources.get(1), "resource")) {
            assertThat(PluginFiles.RESOURCES.resolve(r.getAttribute("location"))).isRegularFile();
        }
    }

    /**
     * Confluence loads exactly the files the standalone page loads, in the same order: the dashboard web-resource
     * lists src/main/resources/web/manifest.txt, entry by entry, and every file it names exists.
     */
    @Test
    void theDashboardWebResourceListsTheManifestInOrder() throws IOException {
        Path manifest = Path.of("src/main/resources/web/manifest.txt");
        List<String> expected = Files.readAllLines(manifest).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).map(l -> "web/" + l).toList();
        Element dashboard = PluginFiles.elements(descriptor, "web-resource").get(0);
        assertThat(dashboard.getAttribute("key")).isEqualTo("cutplan-dashboard-resources");
        List<String> locations = PluginFiles.children(dashboard, "resource").stream().map(r -> r.getAttribute("location")).toList();
        assertThat(locations).containsExactlyElementsOf(expected);
        for (String location : locations) {
            assertThat(Path.of("src/main/resources").resolve(location)).as(location).isRegularFile();
        }
    }

    private static String param(Element info, String name) {
        return PluginFiles.children(info, "param").stream().filter(p -> p.getAttribute("name").equals(name))
                .map(Element::getTextContent).findFirst().orElseThrow(() -> new AssertionError("no param " + name));
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("Descriptor names a missing class: " + name);
        }
    }
}
