package dev.poolstress.cli.layering;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The layering of the house as ArchUnit rules over a root package: the engine imports none of the layers above it,
 * the stress library not the scenarios, no library the command line (nor picocli, which only the command line may
 * use), and no two packages import each other through any chain. The rules take the root so that the fixtures
 * under {@code fixture} can prove each one fails on the import it forbids.
 */
final class Layering {
    private Layering() {
    }

    static ArchRule engineImportsNoLayerAbove(String root) {
        return noClasses().that().resideInAPackage(root + ".engine..").should().dependOnClassesThat()
                .resideInAnyPackage(root + ".stress..", root + ".scenarios..", root + ".cli..")
                .as("the engine imports nothing from stress, scenarios or the command line");
    }

    static ArchRule stressImportsNoLayerAbove(String root) {
        return noClasses().that().resideInAPackage(root + ".stress..").should().dependOnClassesThat()
                .resideInAnyPackage(root + ".scenarios..", root + ".cli..")
                .as("the stress library imports nothing from scenarios or the command line");
    }

    static ArchRule noLibraryImportsTheCommandLine(String root) {
        return noClasses().that().resideOutsideOfPackage(root + ".cli..").should().dependOnClassesThat()
                .resideInAnyPackage(root + ".cli..", "picocli..")
                .as("no library imports the command line or picocli");
    }

    static ArchRule noPackageCycles(String root) {
        return slices().matching(root + ".(**)").should().beFreeOfCycles()
                .as("no package cycles under " + root);
    }

    static List<ArchRule> all(String root) {
        return List.of(engineImportsNoLayerAbove(root), stressImportsNoLayerAbove(root),
                noLibraryImportsTheCommandLine(root), noPackageCycles(root));
    }
}
