package io.cutplan.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The product's layer rules, over a root package so the same rules run against the product ({@code io.cutplan}) and
 * against the deliberately wrong fixture classes ({@code io.cutplan.archfixture}) that prove each rule bites.
 * docs/architecture.md names the rule behind each arrow of its picture.
 */
final class ArchitectureRules {
    private ArchitectureRules() {
    }

    /** domain: pure rules and values. */
    static ArchRule domainIsPure(String root) {
        return noClasses().that().resideInAPackage(root + ".domain..")
                .should().dependOnClassesThat().resideInAnyPackage(root + ".store..", root + ".service..", root + ".api..",
                        root + ".host..", root + ".demo..", "java.sql..", "javax.sql..", "jakarta.ws.rs..",
                        "com.fasterxml.jackson..", "org.eclipse.jetty..")
                .as("domain depends on nothing of store, service, api, host or demo, nor on java.sql, jakarta.ws.rs, Jackson or Jetty");
    }

    /** store: SQL, no HTTP, nothing above it. */
    static ArchRule storeKnowsNoUseCaseOrHttp(String root) {
        return noClasses().that().resideInAPackage(root + ".store..")
                .should().dependOnClassesThat().resideInAnyPackage(root + ".service..", root + ".api..", root + ".host..",
                        root + ".demo..", "jakarta.ws.rs..", "jakarta.servlet..")
                .as("store depends on nothing of service, api, host or demo, nor on jakarta.ws.rs");
    }

    /** service: use cases and transactions, no HTTP. */
    static ArchRule serviceKnowsNoHttpOrHost(String root) {
        return noClasses().that().resideInAPackage(root + ".service..")
                .should().dependOnClassesThat().resideInAnyPackage(root + ".api..", root + ".host..", root + ".demo..",
                        "jakarta.ws.rs..", "jakarta.servlet..")
                .as("service depends on nothing of api, host or demo, nor on jakarta.ws.rs");
    }

    /** api: thin JAX-RS over the services; no host, no JDBC. */
    static ArchRule apiKnowsNoHostOrJdbc(String root) {
        return noClasses().that().resideInAPackage(root + ".api..")
                .should().dependOnClassesThat().resideInAnyPackage(root + ".host..", root + ".demo..", "java.sql..",
                        "javax.sql..")
                .as("api depends on no host and no demo, nor on java.sql");
    }

    /** demo: generated runbooks, wired in only by the standalone host (and tests). */
    static ArchRule demoOnlyFromTheStandaloneHost(String root) {
        return noClasses().that().resideOutsideOfPackages(root + ".demo..", root + ".host.standalone..")
                .should().dependOnClassesThat().resideInAPackage(root + ".demo..")
                .as("demo is used only by the standalone host and tests");
    }

    /** demo sits beside the services: it may use service and store, never api or a host. */
    static ArchRule demoKnowsNoHttpOrHost(String root) {
        return noClasses().that().resideInAPackage(root + ".demo..")
                .should().dependOnClassesThat().resideInAnyPackage(root + ".api..", root + ".host..", "jakarta.ws.rs..")
                .as("demo depends on no api and no host");
    }

    /** Every package is its own slice, at every level (service, service.mail, service.spi, ...): no cycle between any two. */
    static ArchRule noPackageCycles(String root) {
        return slices().matching(root + ".(**)").should().beFreeOfCycles()
                .as("no dependency cycle between any two packages under " + root);
    }

    static List<ArchRule> all(String root) {
        return List.of(domainIsPure(root), storeKnowsNoUseCaseOrHttp(root), serviceKnowsNoHttpOrHost(root),
                apiKnowsNoHostOrJdbc(root), demoOnlyFromTheStandaloneHost(root), demoKnowsNoHttpOrHost(root),
                noPackageCycles(root));
    }
}
