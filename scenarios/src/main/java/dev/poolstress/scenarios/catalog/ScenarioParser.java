package dev.poolstress.scenarios.catalog;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolstress.engine.freelist.Algorithm;
import dev.poolstress.scenarios.catalog.ScenarioKind.CommonPool;
import dev.poolstress.scenarios.catalog.ScenarioKind.Demand;
import dev.poolstress.scenarios.catalog.ScenarioKind.Field;
import dev.poolstress.scenarios.catalog.ScenarioKind.Machine;
import dev.poolstress.scenarios.catalog.ScenarioKind.PoolField;
import dev.poolstress.scenarios.storm.PoolSpec;
import dev.poolstress.scenarios.storm.StormPlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads a scenario from JSON (Jackson's parser, comments allowed, a leading byte-order mark skipped). Reading is
 * strict: text after the object, a key given twice, mutually exclusive fields given together, an unknown field, a
 * value of the wrong type or out of range are each an error naming the source, the line or field, and what would
 * be accepted. The parser reads the fields every scenario has and finds the {@link ScenarioKind} by the
 * {@code kind} field in {@link #KINDS}; the kind reads the rest. {@link #fieldTable()} documents them all.
 */
public final class ScenarioParser {
    /** Every kind of scenario, the default first: the one place a kind is registered. */
    static final List<ScenarioKind<?, ?>> KINDS = List.of(new RingKind(), new RoundsKind());

    private static final List<PoolField> COMMON_POOL = List.of(new PoolField("name", "name", ""),
            new PoolField("size", "size", ""), new PoolField("align", "align [0]", ""),
            new PoolField("boundary", "boundary [0]", ""));
    private static final Set<String> COMMON = Field.names(commonFields());
    private static final Set<String> POOL = poolFieldNames();

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final ObjectMapper mapper = new ObjectMapper().enable(JsonParser.Feature.ALLOW_COMMENTS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /**
     * The scenario file's fields and their defaults, a line each, as {@code poolstress scenarios --help} shows
     * them: the common ones, then each kind's own under "KIND only:".
     */
    public static List<String> fieldTable() {
        List<String> lines = new ArrayList<>();
        lines.add("A scenario file is a JSON object (comments allowed); [defaults]:");
        rows(lines, commonFields());
        for (ScenarioKind<?, ?> kind : KINDS) {
            lines.add(kind.name() + " only:");
            rows(lines, kind.fields());
        }
        return lines;
    }

    /** The names of the kinds whose scenarios may give {@code field}. */
    static List<String> kindsWith(String field) {
        return KINDS.stream().filter(k -> k.has(field)).map(ScenarioKind::name).toList();
    }

    /**
     * @param source names the text in messages: a file's path, or {@code built-in NAME}
     * @throws ScenarioException naming what was wrong
     */
    public Scenario parse(String text, String source) {
        return parse(text, source, null);
    }

    /** As {@link #parse(String, String)}, for a scenario found by {@code ref} ({@code null}: by none). */
    Scenario parse(String text, String source, ScenarioRef ref) {
        JsonNode root = readObject(text.isEmpty() || text.charAt(0) != BYTE_ORDER_MARK ? text : text.substring(1),
                source);
        if (root == null || !root.isObject()) {
            throw new ScenarioException(source + ": a scenario must be a JSON object, was "
                    + (root == null ? "empty" : root.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        Fields f = new Fields(source, "", root);
        return read(kind(f), f, root, ref);
    }

    private static ScenarioKind<?, ?> kind(Fields f) {
        String name = f.text("kind", KINDS.get(0).name());
        for (ScenarioKind<?, ?> kind : KINDS) {
            if (kind.name().equals(name)) {
                return kind;
            }
        }
        List<String> names = KINDS.stream().map(ScenarioKind::name).toList();
        throw f.error("kind", "must be " + String.join(", ", names.subList(0, names.size() - 1)) + " or "
                + names.get(names.size() - 1) + ", was '" + name + "'");
    }

    private static <P extends StormPlan, Q> Scenario read(ScenarioKind<P, Q> kind, Fields f, JsonNode root,
                                                          ScenarioRef ref) {
        Set<String> allowed = new TreeSet<>(COMMON);
        allowed.addAll(kind.fieldNames());
        f.only(allowed);
        String name = f.requiredText("name");
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            throw f.error("name", "must be lower-case letters, digits and dashes, was '" + name + "'");
        }
        String description = f.requiredText("description");
        int cpus = f.integer("cpus", 2, 1, 4096);
        String algorithmName = f.text("algorithm", Algorithm.STACK.id());
        Algorithm algorithm;
        try {
            algorithm = Algorithm.parse(algorithmName);
        } catch (IllegalArgumentException e) {
            throw f.error("algorithm", "must be stack or legacy, was '" + algorithmName + "'");
        }
        boolean debug = f.bool("debug", false);
        JsonNode poolNodes = root.get("pools");
        if (poolNodes == null || !poolNodes.isArray() || poolNodes.isEmpty()) {
            throw f.error("pools", "must be a non-empty array of pools");
        }
        List<Q> pools = new ArrayList<>();
        for (int i = 0; i < poolNodes.size(); i++) {
            JsonNode node = poolNodes.get(i);
            Fields p = new Fields(f.source, "pools[" + i + "].", node);
            if (!node.isObject()) {
                throw p.error("", "must be an object with size, align, boundary");
            }
            p.only(POOL);
            for (ScenarioKind<?, ?> owner : KINDS) {
                for (PoolField field : owner == kind ? List.<PoolField>of() : owner.poolFields()) {
                    if (p.has(field.name())) {
                        throw kind.foreignPoolField(p, owner, field);
                    }
                }
            }
            int size = p.requiredInteger("size", 1, Integer.MAX_VALUE);
            String poolName = p.text("name", "pool" + i + "-" + size);
            int align = p.integer("align", 0, 0, Integer.MAX_VALUE);
            int boundary = p.integer("boundary", 0, 0, Integer.MAX_VALUE);
            pools.add(kind.pool(p, new CommonPool(poolName, size, align, boundary)));
        }
        P plan = kind.plan(f, new Machine(cpus, algorithm, debug), pools);
        checkDeviceMemory(f, kind, plan);
        return new Scenario(name, description, kind, plan, f.source, ref);
    }

    /**
     * Refuses, before any run, a scenario whose pools cannot fit in this JVM's direct memory at once, each holding
     * what its kind's {@link ScenarioKind#demand} says.
     */
    private static <P extends StormPlan> void checkDeviceMemory(Fields f, ScenarioKind<P, ?> kind, P plan) {
        List<PoolSpec> pools = plan.pools();
        long limit = DeviceMemory.limit();
        long total = 0;
        String field = null;
        String why = null;
        long largest = -1;
        for (int i = 0; i < pools.size(); i++) {
            PoolSpec pool = pools.get(i);
            Demand demand = kind.demand(plan, i);
            long bytes = DeviceMemory.pagesFor(pool.size(), pool.align(), demand.blocks());
            total += bytes;
            if (bytes > largest) {
                largest = bytes;
                field = demand.field();
                why = pool.size() + "-byte blocks " + demand.reason();
            }
        }
        if (total > limit) {
            throw new ScenarioException(f.source + ": " + field + ": " + why + " need at least "
                    + DeviceMemory.bytes(total) + " of device memory in all, more than this JVM's limit of "
                    + DeviceMemory.bytes(limit) + " (-XX:MaxDirectMemorySize, which JAVA_OPTS can raise)");
        }
    }

    /** The fields every scenario has; the kind and pool rows list what the kinds add. */
    private static List<Field> commonFields() {
        String kinds = KINDS.stream().map(k -> k.name() + " (" + k.summary() + ")")
                .collect(Collectors.joining(" | "));
        return List.of(Field.of("name, description", "required; name: lower case, digits, dashes"),
                Field.of("kind", kinds + " [" + KINDS.get(0).name() + "]"),
                Field.of("cpus", "virtual CPUs [2]"),
                new Field("pools", poolLines()),
                Field.of("algorithm, debug", "stack | legacy [stack]; DMAPOOL_DEBUG [false]"));
    }

    /** The pool row: the common fields with the default kind's on the first line, each other kind's on its own. */
    private static List<String> poolLines() {
        List<List<PoolField>> groups = new ArrayList<>();
        List<PoolField> first = new ArrayList<>(COMMON_POOL);
        first.addAll(KINDS.get(0).poolFields());
        groups.add(first);
        KINDS.stream().skip(1).map(ScenarioKind::poolFields).filter(g -> !g.isEmpty()).forEach(groups::add);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            String fields = groups.get(i).stream().map(PoolField::help).collect(Collectors.joining(", "));
            lines.add((i == 0 ? "[{" : "  ") + fields + (i == groups.size() - 1 ? "}]" : ","));
        }
        return lines;
    }

    private static Set<String> poolFieldNames() {
        Set<String> names = new TreeSet<>();
        COMMON_POOL.forEach(f -> names.add(f.name()));
        KINDS.forEach(k -> k.poolFields().forEach(f -> names.add(f.name())));
        return names;
    }

    private static void rows(List<String> lines, List<Field> fields) {
        for (Field field : fields) {
            for (int i = 0; i < field.help().size(); i++) {
                lines.add(String.format(Locale.ROOT, "  %-20s%s", i == 0 ? field.names() : "", field.help().get(i)));
            }
        }
    }

    /**
     * Parses one JSON value and insists that nothing but whitespace and comments follows it. Jackson's own
     * messages for the common mistakes are replaced by plain ones: its text for a truncated file quotes an internal
     * feature name instead of the file.
     */
    private JsonNode readObject(String text, String source) {
        try (JsonParser parser = mapper.createParser(text)) {
            JsonNode root = mapper.readTree(parser);
            if (root != null && hasMore(parser)) {
                throw new ScenarioException(source + ": " + at(parser.currentTokenLocation())
                        + ": more text after the scenario's closing brace; a file holds one JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage();
            if (e instanceof JsonEOFException || message.startsWith("Unexpected end-of-input")) {
                throw new ScenarioException(source + ": ends at " + at(e.getLocation())
                        + " before the JSON is complete (truncated, or a bracket or quote left open?)", e);
            }
            int detail = message.indexOf(" (");
            if (message.startsWith("Duplicate field")) {
                message = "duplicate key " + message.substring("Duplicate field ".length()) + "; give each key once";
            } else if (detail > 0 && message.contains("[Source:")) {
                message = message.substring(0, detail);
            }
            throw new ScenarioException(source + ": not valid JSON at " + at(e.getLocation()) + ": "
                    + message.lines().findFirst().orElse(""), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether anything but whitespace and comments follows the value just read, valid JSON or not. */
    private static boolean hasMore(JsonParser parser) throws IOException {
        try {
            return parser.nextToken() != null;
        } catch (JsonProcessingException e) {
            return true;
        }
    }

    private static String at(JsonLocation location) {
        return location == null ? "an unknown place" : "line " + location.getLineNr() + ", column "
                + location.getColumnNr();
    }
}
