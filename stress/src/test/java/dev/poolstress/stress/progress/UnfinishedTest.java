package dev.poolstress.stress.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnfinishedTest {
    @Test
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
    void aFailingWriterDoesNotStopTheOthers() {
        List<String> written = new ArrayList<>();
        Unfinished.register(() -> {
            throw new IllegalStateException("disk full");
        });
        Unfinished.register(() -> written.add("race"));
        assertEquals(List.of("disk full"), Unfinished.writeAll());
        assertEquals(List.of("race"), written);
    }
}
