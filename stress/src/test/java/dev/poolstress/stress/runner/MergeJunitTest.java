package dev.poolstress.stress.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ci/merge-junit.sh} refuses shards that are not whole, and merges those that are. */
class MergeJunitTest {
    private static final Path SCRIPT = Path.of("..", "ci", "merge-junit.sh").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private record Run(int exit, String output) {
    }

    private Path shard(String file, String suite, String shard, int cases) throws IOException {
        List<Verdict> verdicts = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            verdicts.add(new Verdict("spin-mcs", new Suite.Test("t.loss.Loses" + i, "loss"), Verdict.Status.OK,
                    List.of(), "", Duration.ofSeconds(1)));
        }
        Path path = dir.resolve(file);
        JUnitXml.write(path, suite, Shard.parse(shard), verdicts, null);
        return path;
    }

    private Run merge(Path... inputs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString(), dir.resolve("out.xml").toString()));
        for (Path in : inputs) {
            command.add(in.toString());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), output);
    }

    @Test
    void shouldMergeEveryShardOfEverySuite() throws Exception {
        Run run = merge(shard("a.xml", "poolstress-race-ci", "1/2", 2), shard("b.xml", "poolstress-race-ci", "2/2", 1),
                shard("c.xml", "poolstress-race-catalog-ci", "1/1", 1));

        assertEquals(0, run.exit(), run.output());
        String merged = Files.readString(dir.resolve("out.xml"));
        assertEquals(4, merged.split("<testcase ", -1).length - 1, merged);
        assertTrue(merged.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n"), merged);
    }

    @Test
    void shouldFailOnAMissingShard() throws Exception {
        Run run = merge(shard("a.xml", "poolstress-race-ci", "1/3", 1), shard("c.xml", "poolstress-race-ci", "3/3", 1));

        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("poolstress-race-ci shard 2/3 missing"), run.output());
        assertTrue(Files.notExists(dir.resolve("out.xml")));
    }

    @Test
    void shouldFailOnADuplicatedShard() throws Exception {
        Run run = merge(shard("a.xml", "poolstress-race-ci", "1/2", 1), shard("b.xml", "poolstress-race-ci", "1/2", 1),
                shard("c.xml", "poolstress-race-ci", "2/2", 1));

        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("shard 1/2 duplicated"), run.output());
    }

    @Test
    void shouldFailOnAnEmptyShard() throws Exception {
        Run run = merge(shard("a.xml", "poolstress-race-ci", "1/2", 1), shard("b.xml", "poolstress-race-ci", "2/2", 0));

        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("shard 2/2 is empty"), run.output());
    }

    @Test
    void shouldFailOnAMissingFileOrOneWithoutAShard() throws Exception {
        Path foreign = dir.resolve("foreign.xml");
        Files.writeString(foreign, "<testsuite name=\"x\"><testcase name=\"y\"/></testsuite>\n");

        Run run = merge(dir.resolve("absent.xml"), foreign);

        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("absent.xml: missing or empty file"), run.output());
        assertTrue(run.output().contains("foreign.xml: no shard property"), run.output());
    }
}
