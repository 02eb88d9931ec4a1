package dev.poolstress.stress.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poolstress.stress.subject.Raced;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.openjdk.jcstress.annotations.JCStressTest;

class SuiteTest {
    /** Every class carrying {@code @JCStressTest} in this module's compiled classes, by name. */
    private static List<String> jcstressTestsCompiled() throws IOException, URISyntaxException {
        Path classes = Path.of(Suite.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isDirectory(classes), "the stress module's classes directory: " + classes);
        try (Stream<Path> files = Files.walk(classes)) {
            return files.map(f -> classes.relativize(f).toString())
                    .filter(f -> f.endsWith(".class") && !f.contains("$"))
                    .map(f -> f.substring(0, f.length() - ".class".length()).replace(File.separatorChar, '.'))
                    .filter(SuiteTest::isJcstressTest).sorted().toList();
        }
    }

    private static boolean isJcstressTest(String className) {
        try {
            return Class.forName(className, false, SuiteTest.class.getClassLoader())
                    .isAnnotationPresent(JCStressTest.class);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(className, e);
        }
    }

    @Test
    void shouldRegisterEveryJcstressTestOfTheModuleOnceWithItsAnnotation() throws Exception {
        List<String> compiled = jcstressTestsCompiled();
        List<String> registered = Suite.CLASSES.stream().map(Class::getName).sorted().toList();

        assertFalse(compiled.isEmpty(), "no @JCStressTest class found");
        assertEquals(compiled, registered, "every @JCStressTest class is listed once in Suite.CLASSES");
        for (Class<?> type : Suite.CLASSES) {
            assertTrue(type.isAnnotationPresent(Raced.class), type + " is annotated @Raced");
        }
    }

    @Test
    void shouldDeriveTheListsInTheOrderOfTheRegistration() {
        assertEquals(List.of("ConcurrentAllocsNeverShareABlock", "PopPushRaceNeverSharesABlock",
                        "AllocFreeLosesNoBlock", "IrqFreeOnSameCpuRacesAlloc", "IrqFreeOnOtherCpuRacesAlloc",
                        "IrqUsedLockIsIrqSafe", "RefillAndExchangeRaceRemoteFrees", "DoubleFreeDetectedOnce",
                        "BlocksStayInsideBoundary", "GrowWhileAllocating", "IrqStormTerminates"),
                Suite.TESTS.stream().map(Suite.Test::simpleName).toList());
        assertEquals(List.of("ownership", "loss", "irq", "lockdep", "percpu", "debug", "boundary", "growth",
                "termination"), Suite.PROPERTIES);
        assertEquals(Suite.TESTS, Tier.CI.tests());
        assertEquals(Suite.TESTS, Tier.NIGHTLY.tests());
        assertEquals(Suite.TESTS, Tier.FULL.tests());
    }

    @Test
    void shouldNameEachTestsPropertyAfterItsPackage() {
        for (Suite.Test test : Suite.TESTS) {
            String pkg = test.className().substring(0, test.className().lastIndexOf('.'));
            assertEquals(pkg.substring(pkg.lastIndexOf('.') + 1), test.property(), test.className());
        }
    }
}
