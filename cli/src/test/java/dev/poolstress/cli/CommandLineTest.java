package dev.poolstress.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class CommandLineTest {
    /** What one run printed and returned. */
    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = PoolstressCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
        int code = line.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static Stream<Arguments> badArguments() {
        return Stream.of(
                Arguments.of(List.of("bench", "dmapool-test", "--lock", "nope"), "--lock", "spin-mcs"),
                Arguments.of(List.of("bench", "dmapool-test", "--rounds", "0"), "--rounds", "at least 1"),
                Arguments.of(List.of("bench", "dmapool-test", "--repeat", "two"), "--repeat", "not an int"),
                Arguments.of(List.of("bench", "dmapool-test", "--warmup", "-1"), "--warmup", "at least 0"),
                Arguments.of(List.of("bench", "micro", "--time", "5 parsecs"), "--time", "such as 1s"),
                Arguments.of(List.of("bench", "micro", "--strategy", "spin-nothing"), "--strategy", "lockfree"),
                Arguments.of(List.of("bench", "micro", "--forks", "0"), "--forks", "at least 1"),
                Arguments.of(List.of("tune", "--strategies", ","), "--strategies", "at least one strategy"),
                Arguments.of(List.of("tune", "--strategies", "percpu", "--html", System.getProperty("java.io.tmpdir")),
                        "--html", "is a directory"),
                Arguments.of(List.of("bench", "micro", "--magazine", "32/64"), "--magazine", "1 <= BATCH <= CAPACITY"),
                Arguments.of(List.of("bench", "micro", "--include", "(["), "--include", "regular expression"),
                Arguments.of(List.of("bench", "micro", "--include", "NoSuchBench"), "--include", "FloorBenchmark"),
                Arguments.of(List.of("bench", "nonsense"), "nonsense", "bench --help"),
                Arguments.of(List.of("bench"), "missing command", "dmapool-test, micro"),
                Arguments.of(List.of("--frobnicate"), "--frobnicate", "poolstress --help"));
    }

    @ParameterizedTest
    @MethodSource("badArguments")
    void shouldExitTwoWithOneLineNamingTheWrongArgument(List<String> args, String named, String accepted) {
        Run run = run(args.toArray(String[]::new));

        assertEquals(2, run.code(), run.err());
        String message = run.err().strip();
        assertFalse(message.contains("\n"), "one line expected, got: " + message);
        assertTrue(message.contains(named), message);
        assertTrue(message.contains(accepted), message);
        assertEquals("", run.out(), "nothing may run on bad arguments");
    }

    @Test
    void shouldListExactlyTheCommandsThatExistInHelp() {
        Run run = run("--help");

        assertEquals(0, run.code());
        CommandLine line = PoolstressCommand.commandLine(new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()));
        List<String> listed = commandsSection(run.out());
        assertEquals(List.copyOf(line.getSubcommands().keySet()), listed);
        assertTrue(listed.contains("bench"), run.out());
    }

    @Test
    void shouldListBothBenchmarksInBenchHelp() {
        Run run = run("bench", "--help");

        assertEquals(0, run.code());
        assertEquals(List.of("dmapool-test", "micro"), commandsSection(run.out()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "tune", "race", "bench", "bench micro", "bench dmapool-test", "scenarios", "recommend"})
    void shouldPrintTheBuiltVersionFromEveryCommand(String command) {
        List<String> args = new ArrayList<>(command.isEmpty() ? List.of() : List.of(command.split(" ")));
        args.add("--version");
        Run run = run(args.toArray(String[]::new));

        assertEquals(0, run.code(), run.err());
        assertTrue(Pattern.compile("^poolstress \\d+\\.\\d+\\.\\d+").matcher(run.out()).find(), run.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "tune", "race", "bench", "bench micro", "bench dmapool-test", "scenarios", "recommend"})
    void shouldStateTheExitCodesInEveryCommandsHelp(String command) {
        List<String> args = new ArrayList<>(command.isEmpty() ? List.of() : List.of(command.split(" ")));
        args.add("--help");
        Run run = run(args.toArray(String[]::new));

        assertEquals(0, run.code(), run.err());
        String[] parts = run.out().split("Exit codes:\\R", 2);
        assertEquals(2, parts.length, "no Exit codes section in: " + run.out());
        assertTrue(Pattern.compile("^\\s+0\\s+\\S", Pattern.MULTILINE).matcher(parts[1]).find(), parts[1]);
        assertTrue(Pattern.compile("^\\s+2\\s+\\S", Pattern.MULTILINE).matcher(parts[1]).find(), parts[1]);
    }

    @Test
    void shouldDocumentTheScenarioFileInScenariosHelp() {
        Run run = run("scenarios", "--help");

        assertEquals(0, run.code(), run.err());
        String table = """

                A scenario file is a JSON object (comments allowed); [defaults]:
                  name, description   required; name: lower case, digits, dashes
                  kind                ring (Disruptor storm) | rounds (alloc-all, free-all)
                [ring]
                  cpus                virtual CPUs [2]
                  pools               [{name, size, align [0], boundary [0], prefill [0],
                                        blocks: per round, rounds only [kernel test's]}]
                  algorithm, debug    stack | legacy [stack]; DMAPOOL_DEBUG [false]
                ring only:
                  submitters          "all" | [cpu, ...] [all]
                  depth, batch        in flight per submitter, per publish [32, 8]
                  queues              device queues, one thread each [1]
                  serviceNanos        busy-spin per command [0]
                  irq                 submitter | spread | random | cpu:N [submitter]
                  poolChoice          round-robin | random [round-robin]
                  waitStrategy        blocking | yielding | busy-spin | sleeping
                                      [yielding]
                  faults              {everyNth: n} | {probability: p, seed: s}
                                      | {afterBudget: pages} [none]
                  operations          run length in allocation attempts [100000]
                rounds only:
                  threads, rounds     threads at once, run length in rounds [1, 100]
                """;
        assertTrue(run.out().replace(System.lineSeparator(), "\n").endsWith("  2   a scenario file that does not parse\n"
                + table), run.out());
    }

    /** The first word of each line under "Commands:" in a picocli help text. */
    static List<String> commandsSection(String help) {
        String[] parts = help.split("Commands:\\R", 2);
        assertEquals(2, parts.length, "no Commands section in: " + help);
        return parts[1].lines()
                .takeWhile(line -> !line.isBlank()) // the section ends at the blank line before "Exit codes:"
                .filter(line -> line.startsWith("  ") && !line.startsWith("    "))
                .map(line -> line.strip().split("\\s+")[0])
                .toList();
    }
}
