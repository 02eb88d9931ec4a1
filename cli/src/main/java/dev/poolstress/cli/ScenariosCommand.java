package dev.poolstress.cli;

import dev.poolstress.scenarios.catalog.Catalog;
import dev.poolstress.scenarios.catalog.Scenario;
import dev.poolstress.scenarios.catalog.ScenarioException;
import dev.poolstress.scenarios.catalog.ScenarioParser;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code poolstress scenarios}: lists the built-in scenarios (name, kind, description, topology), and checks and
 * lists scenario files given as arguments; a file that does not parse is a one-line error and exit 2.
 */
@Command(name = "scenarios", mixinStandardHelpOptions = true,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every scenario listed",
            "2:a scenario file that does not parse",
        },
        description = "List the scenario catalog; with FILE arguments, check and list those scenario files too.")
public final class ScenariosCommand implements Callable<Integer> {
    private CommandSpec spec;

    /** Takes the spec picocli made, and gives its help the scenario file's fields, as the parser documents them. */
    @Spec
    void spec(CommandSpec spec) {
        this.spec = spec;
        List<String> footer = new ArrayList<>(List.of(""));
        footer.addAll(ScenarioParser.fieldTable());
        spec.usageMessage().footer(footer.toArray(String[]::new));
    }

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Scenario files (JSON) to check and list.")
    List<String> files = new ArrayList<>();

    @Override
    public Integer call() {
        Catalog catalog = new Catalog();
        // keyed by where each came from, so a built-in's name or a file given twice is listed once
        Map<String, Scenario> scenarios = new LinkedHashMap<>();
        catalog.builtIns().forEach(s -> scenarios.put(s.source(), s));
        for (String file : files) {
            try {
                Scenario s = catalog.resolve(file);
                scenarios.putIfAbsent(s.source(), s);
            } catch (ScenarioException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage(), e);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-14s %-7s %s%n", "name", "kind", "description / topology");
        for (Scenario s : scenarios.values()) {
            out.printf("%-14s %-7s %s%n%-22s %s%n", s.name(), s.kind().name(), s.description(), "",
                    s.topology());
        }
        out.flush();
        return 0;
    }
}
