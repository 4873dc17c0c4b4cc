package io.cutplan.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Each architecture rule fails on a deliberately wrong class: the same rules as ArchitectureTest, evaluated over the
 * fixture tree {@code io.cutplan.archfixture} (laid out like the product: domain, store, service, api, host, demo).
 * A rule that stopped biting (a typo in a package pattern, say) fails here.
 */
class ArchitectureRulesBiteTest {
    private static final String ROOT = "io.cutplan.archfixture";
    private static final JavaClasses FIXTURES = new ClassFileImporter().importPackages(ROOT);

    private static String violations(ArchRule rule) {
        EvaluationResult result = rule.evaluate(FIXTURES);
        assertThat(result.hasViolation()).as(rule.getDescription()).isTrue();
        return String.join("\n", result.getFailureReport().getDetails());
    }

    @Test
    void aDomainClassImportingJavaSqlFails() {
        assertThat(violations(ArchitectureRules.domainIsPure(ROOT))).contains("DomainWithJdbc").contains("java.sql.Connection");
    }

    @Test
    void aStoreClassUsingJaxRsFails() {
        assertThat(violations(ArchitectureRules.storeKnowsNoUseCaseOrHttp(ROOT))).contains("StoreWithHttp");
    }

    @Test
    void aServiceClassUsingJaxRsFails() {
        assertThat(violations(ArchitectureRules.serviceKnowsNoHttpOrHost(ROOT))).contains("ServiceWithHttp");
    }

    @Test
    void anApiClassUsingJdbcFails() {
        assertThat(violations(ArchitectureRules.apiKnowsNoHostOrJdbc(ROOT))).contains("ApiWithJdbc").contains("java.sql.ResultSet");
    }

    @Test
    void demoUsedOutsideTheStandaloneHostFails() {
        assertThat(violations(ArchitectureRules.demoOnlyFromTheStandaloneHost(ROOT))).contains("ConfluenceLoadsDemo");
        assertThat(violations(ArchitectureRules.demoKnowsNoHttpOrHost(ROOT))).contains("DemoRunbook");
    }

    @Test
    void aPackageCycleFails() {
        assertThat(violations(ArchitectureRules.noPackageCycles(ROOT))).contains("service.alpha.Alpha").contains("service.beta.Beta");
    }

    @Test
    void aServiceClassWithSqlTextFails() {
        assertThat(SqlText.findIn(Path.of("src/test/java/io/cutplan/archfixture/service")))
                .singleElement().asString().contains("ServiceWithSql.java").contains("SELECT count(*) FROM users");
    }

    @Test
    void englishWordsAndCommentsAreNotSql() {
        var literals = SqlText.literals("""
                // SELECT * FROM users in a comment
                String a = "Select a team, then update the plan"; /* DELETE FROM steps */
                String b = "Delete the step from the plan first";
                String c = "UPDATE plans SET name = ? WHERE id = ?";
                """);
        assertThat(literals).hasSize(3);
        assertThat(literals.stream().filter(l -> SqlText.looksLikeSql(l.text())).map(SqlText.Literal::text))
                .containsExactly("UPDATE plans SET name = ? WHERE id = ?");
    }
}
