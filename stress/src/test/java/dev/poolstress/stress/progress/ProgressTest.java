package dev.poolstress.stress.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private final AtomicLong clock = new AtomicLong();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void estimatesFromFinishedStepsWhenNoTotalIsKnown() {
        Progress progress = new Progress("race", 4, null, out, false, clock::get);
        progress.begin(1, "spin-tas");
        clock.set(Duration.ofSeconds(30).toNanos());
        progress.begin(2, "spin-mcs");
        assertEquals("[race 1/4] spin-tas: elapsed 0s, ETA unknown until a step ends\n"
                + "[race 2/4] spin-mcs: elapsed 30s, ETA 1m30s\n", printed());
    }

    @Test
    void estimatesFromTheExpectedTotalWhenKnown() {
        Progress progress = new Progress("tune", 9, Duration.ofMinutes(2), out, false, clock::get);
        clock.set(Duration.ofSeconds(50).toNanos());
        progress.begin(3, "percpu");
        assertEquals("[tune 3/9] percpu: elapsed 50s, ETA 1m10s\n", printed());
        clock.set(Duration.ofMinutes(3).toNanos());
        assertEquals("[tune 3/9] percpu: elapsed 3m00s, ETA 0s", progress.status());
    }

    @Test
    void notesArePlainLinesInALog() {
        Progress progress = new Progress("bench", 2, null, out, false, clock::get);
        progress.begin(1, "micro");
        progress.note("result 12 ns");
        progress.close();
        assertEquals("[bench 1/2] micro: elapsed 0s, ETA unknown until a step ends\nresult 12 ns\n", printed());
    }

    @Test
    void formatsHours() {
        assertEquals("2h03m", Progress.format(Duration.ofMinutes(123).plusSeconds(7).toNanos()));
    }

    @Test
    void refusesStepsOutsideTheRun() {
        Progress progress = new Progress("race", 3, null, out, false, clock::get);
        assertThrows(IllegalArgumentException.class, () -> progress.begin(4, "x"));
        assertThrows(IllegalArgumentException.class, () -> new Progress("race", 0, null, out, false));
        assertEquals("", printed());
    }
}
