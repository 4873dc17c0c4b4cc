package io.cutplan.host.confluence;

/** Keys shared by the Java code and atlassian-plugin.xml (DescriptorTest keeps them equal). */
public final class PluginKeys {
    /** The descriptor key = Bundle-SymbolicName = Atlassian-Plugin-Key. */
    public static final String PLUGIN_KEY = "io.cutplan.confluence";
    /** The web-resource with the dashboard's scripts and styles. */
    public static final String DASHBOARD_RESOURCES = PLUGIN_KEY + ":cutplan-dashboard-resources";
    /** The REST module's path and version: /rest/cutplan/1.0. */
    public static final String REST_PATH = "/rest/cutplan/1.0";
    /** The configuration page (servlet module), relative to Confluence's context path. */
    public static final String CONFIGURE_PATH = "/plugins/servlet/cutplan/admin";

    private PluginKeys() {
    }
}
