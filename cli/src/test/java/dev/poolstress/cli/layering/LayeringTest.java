package dev.poolstress.cli.layering;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * The project's own classes (every module's main code, none of their tests) keep {@link Layering}'s rules; the
 * fixtures, one forbidden import each, show that every rule fails when it should.
 */
class LayeringTest {
    private static final String ROOT = "dev.poolstress";
    private static final String FIXTURE = LayeringTest.class.getPackageName() + ".fixture";

    /** Test classes, here and in the scenarios module's test jar, are no part of the layering. */
    private static final ImportOption MAIN_CODE_ONLY = location -> new ImportOption.DoNotIncludeTests()
            .includes(location) && !location.contains("-tests.jar");

    @Test
    void shouldKeepEveryRuleOverTheProjectsMainCode() {
        JavaClasses classes = new ClassFileImporter().withImportOption(MAIN_CODE_ONLY).importPackages(ROOT);
        assertTrue(classes.size() > 100, "imported only "
                + classes.size() + " classes: the modules' classes are not on the test classpath");
        for (ArchRule rule : Layering.all(ROOT)) {
            rule.check(classes);
        }
    }

    @Test
    void shouldFailTheEngineRuleOnAnEngineClassImportingStress() {
        assertViolates(Layering.engineImportsNoLayerAbove(FIXTURE), "engine", "stress");
    }

    @Test
    void shouldFailTheStressRuleOnAStressClassImportingScenarios() {
        assertViolates(Layering.stressImportsNoLayerAbove(FIXTURE), "stress", "scenarios");
    }

    @Test
    void shouldFailTheCommandLineRuleOnALibraryClassImportingTheCommandLine() {
        assertViolates(Layering.noLibraryImportsTheCommandLine(FIXTURE), "scenarios", "cli");
    }

    @Test
    void shouldFailTheCommandLineRuleOnALibraryClassUsingPicocli() {
        assertViolates(Layering.noLibraryImportsTheCommandLine(FIXTURE), "stress", "picocli");
    }

    @Test
    void shouldFailTheCycleRuleOnTwoPackagesImportingEachOther() {
        assertViolates(Layering.noPackageCycles(FIXTURE), "scenarios.tune", "scenarios.report");
    }

    /** The rule, over the fixtures, reports a dependency from a class under {@code from} to one under {@code to}. */
    private static void assertViolates(ArchRule rule, String from, String to) {
        JavaClasses fixtures = new ClassFileImporter().importPackages(FIXTURE);
        EvaluationResult result = rule.evaluate(fixtures);
        String report = String.join("\n", result.getFailureReport().getDetails());
        assertTrue(result.hasViolation(), rule.getDescription() + " passed over the fixtures");
        assertTrue(report.contains(FIXTURE + "." + from) && report.contains(to), report);
    }
}
