package dev.poolstress.scenarios.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.poolstress.scenarios.storm.RingStormPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioRefTest {
    /** As the tuner's forked JVM gets the scenario: the parent's ref as arguments, read back and resolved. */
    private static Scenario inTheChild(Scenario parent) {
        return ScenarioRef.fromArguments(parent.ref().arguments()).resolve();
    }

    @Test
    void shouldResolveInAForkedJvmTheScenarioTheParentResolved(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mine.json");
        Files.writeString(file, "{\"name\": \"mine\", \"description\": \"d\", \"pools\": [{\"size\": 128}],"
                + " \"waitStrategy\": \"blocking\"}");
        List<ScenarioRef> refs = new ArrayList<>();
        Catalog.BUILT_INS.forEach(name -> refs.add(new ScenarioRef(name, null)));
        refs.add(new ScenarioRef("nvme-irq", "sleeping"));
        refs.add(new ScenarioRef(file.toString(), null));
        refs.add(new ScenarioRef(file.toString(), "busy-spin"));

        for (ScenarioRef ref : refs) {
            Scenario parent = ref.resolve();

            assertEquals(ref, parent.ref(), "a resolved scenario carries the ref it was found by");
            assertEquals(parent, inTheChild(parent), ref::toString);
        }
        assertEquals("busy-spin", ((RingStormPlan) inTheChild(refs.get(refs.size() - 1).resolve()).plan()).waitStrategy());
        assertEquals("blocking", ((RingStormPlan) inTheChild(refs.get(refs.size() - 2).resolve()).plan()).waitStrategy());
    }

    @Test
    void shouldKeepTheWaitStrategyOverrideInTheRefOfAScenarioFoundByName() {
        Scenario parent = new Catalog().resolve("irq-remote").withWaitStrategy("blocking");

        assertEquals(new ScenarioRef("irq-remote", "blocking"), parent.ref());
        assertEquals(parent, inTheChild(parent));
    }

    @Test
    void shouldGiveAScenarioParsedFromTextNoRef() {
        assertNull(new ScenarioParser().parse("{\"name\": \"t\", \"description\": \"d\", \"pools\": [{\"size\": 8}]}",
                "test").ref());
    }
}
