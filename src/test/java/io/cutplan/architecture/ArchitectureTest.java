package io.cutplan.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The product's architecture, checked on every build: the layer rules and "no package cycle" over the compiled
 * main classes (test classes, including the wrong-on-purpose fixtures, are not imported), and "SQL text only in the
 * store" over the sources of service, api and host.
 */
class ArchitectureTest {
    private static final String ROOT = "io.cutplan";
    private static final JavaClasses PRODUCT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
    private static final Path MAIN = Path.of("src/main/java/io/cutplan");

    @Test
    void theProductIsImported() {
        assertThat(PRODUCT.contain("io.cutplan.service.CutplanServices")).isTrue();
        assertThat(PRODUCT.stream().map(c -> c.getPackageName()).filter(p -> p.contains("archfixture"))).isEmpty();
    }

    @Test
    void domainIsPure() {
        ArchitectureRules.domainIsPure(ROOT).check(PRODUCT);
    }

    @Test
    void storeKnowsNoUseCaseOrHttp() {
        ArchitectureRules.storeKnowsNoUseCaseOrHttp(ROOT).check(PRODUCT);
    }

    @Test
    void serviceKnowsNoHttpOrHost() {
        ArchitectureRules.serviceKnowsNoHttpOrHost(ROOT).check(PRODUCT);
    }

    @Test
    void apiKnowsNoHostOrJdbc() {
        ArchitectureRules.apiKnowsNoHostOrJdbc(ROOT).check(PRODUCT);
    }

    @Test
    void demoIsUsedOnlyByTheStandaloneHost() {
        ArchitectureRules.demoOnlyFromTheStandaloneHost(ROOT).check(PRODUCT);
        ArchitectureRules.demoKnowsNoHttpOrHost(ROOT).check(PRODUCT);
    }

    @Test
    void noPackageCycles() {
        ArchRule rule = ArchitectureRules.noPackageCycles(ROOT);
        rule.check(PRODUCT);
    }

    @Test
    void sqlTextLivesInTheStoreOnly() {
        assertThat(SqlText.findIn(MAIN.resolve("service"), MAIN.resolve("api"), MAIN.resolve("host")))
                .as("SQL text outside io.cutplan.store: move it into a DAO").isEmpty();
        // The scanner itself sees SQL where it is: the store is full of it.
        assertThat(SqlText.findIn(MAIN.resolve("store"))).hasSizeGreaterThan(50);
    }
}
