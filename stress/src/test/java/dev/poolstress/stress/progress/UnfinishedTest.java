package dev.poolstress.stress.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The claim is for the rest of the JVM, as it is on a signal: its test runs last. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UnfinishedTest {
    @Test
    @Order(1)
    void writesEachOpenRegistrationOnceAndSkipsClosedOnes() {
        List<String> written = new ArrayList<>();
        Unfinished.Registration kept = Unfinished.register(() -> written.add("tune"));
        Unfinished.register(() -> written.add("race")).close();
        assertEquals(List.of(), Unfinished.writeAll());
        assertEquals(List.of("tune"), written);
        assertEquals(List.of(), Unfinished.writeAll());
        assertEquals(List.of("tune"), written);
        kept.close();
    }

    @Test
    @Order(2)
    void aFailingWriterDoesNotStopTheOthers() {
        List<String> written = new ArrayList<>();
        Unfinished.register(() -> {
            throw new IllegalStateException("disk full");
        });
        Unfinished.register(() -> written.add("race"));
        assertEquals(List.of("disk full"), Unfinished.writeAll());
        assertEquals(List.of("race"), written);
    }

    @Test
    @Order(3)
    void aClaimedWriterCannotBeWithdrawnSoTheHookWritesIt() {
        List<String> written = new ArrayList<>();
        Unfinished.Registration before = Unfinished.register(() -> written.add("bench"));
        Unfinished.Registration withdrawn = Unfinished.register(() -> written.add("race"));
        assertTrue(withdrawn.withdraw(), "withdrawn before the claim: the run writes its own results");

        Unfinished.claim();

        assertFalse(before.withdraw(), "claimed: the hook writes, the run must not");
        assertEquals(List.of(), Unfinished.writeAll());
        assertEquals(List.of("bench"), written);
    }
}
