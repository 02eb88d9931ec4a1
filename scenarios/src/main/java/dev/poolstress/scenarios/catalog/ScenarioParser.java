package dev.poolstress.scenarios.catalog;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolstress.scenarios.storm.FaultPlan;
import dev.poolstress.scenarios.storm.IrqRouting;
import dev.poolstress.scenarios.storm.PoolSpec;
import dev.poolstress.scenarios.storm.RingStormPlan;
import dev.poolstress.scenarios.storm.RoundsStormPlan;
import dev.poolstress.scenarios.storm.StormPlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads a scenario from JSON (Jackson's parser, comments allowed, a leading byte-order mark skipped). Reading is
 * strict: text after the object, a key given twice, mutually exclusive fields given together, an unknown field, a
 * value of the wrong type or out of range are each an error naming the source, the line or field, and what would
 * be accepted. The fields and their defaults are listed in {@code poolstress scenarios --help}
 * ({@link ScenariosCommand}).
 */
public final class ScenarioParser {
    private static final Set<String> COMMON = Set.of("name", "description", "kind", "cpus", "pools", "algorithm",
            "debug");
    private static final Set<String> RING = Set.of("submitters", "depth", "batch", "queues", "serviceNanos", "irq",
            "poolChoice", "waitStrategy", "faults", "operations");
    private static final Set<String> ROUNDS = Set.of("threads", "rounds");
    private static final Set<String> POOL = Set.of("name", "size", "align", "boundary", "prefill", "blocks");
    private static final List<String> FAULT_KINDS = List.of("everyNth", "probability", "afterBudget");
    private static final Set<String> FAULTS = Set.of("everyNth", "probability", "seed", "afterBudget");

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final ObjectMapper mapper = new ObjectMapper().enable(JsonParser.Feature.ALLOW_COMMENTS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /**
     * @param source names the text in messages: a file's path, or {@code built-in NAME}
     * @throws ScenarioException naming what was wrong
     */
    public Scenario parse(String text, String source) {
        JsonNode root = readObject(text.isEmpty() || text.charAt(0) != BYTE_ORDER_MARK ? text : text.substring(1),
                source);
        if (root == null || !root.isObject()) {
            throw new ScenarioException(source + ": a scenario must be a JSON object, was "
                    + (root == null ? "empty" : root.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        Fields f = new Fields(source, "", root);
        String kind = f.text("kind", "ring");
        Set<String> allowed = new TreeSet<>(COMMON);
        switch (kind) {
            case "ring":
                allowed.addAll(RING);
                break;
            case "rounds":
                allowed.addAll(ROUNDS);
                break;
            default:
                throw f.error("kind", "must be ring or rounds, was '" + kind + "'");
        }
        f.only(allowed);
        String name = f.requiredText("name");
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            throw f.error("name", "must be lower-case letters, digits and dashes, was '" + name + "'");
        }
        String description = f.requiredText("description");
        int cpus = f.integer("cpus", 2, 1, 4096);
        String algorithm = f.text("algorithm", "stack");
        if (!algorithm.equals("stack") && !algorithm.equals("legacy")) {
            throw f.error("algorithm", "must be stack or legacy, was '" + algorithm + "'");
        }
        boolean debug = f.bool("debug", false);
        JsonNode poolNodes = root.get("pools");
        if (poolNodes == null || !poolNodes.isArray() || poolNodes.isEmpty()) {
            throw f.error("pools", "must be a non-empty array of pools");
        }
        List<PoolSpec> pools = new ArrayList<>();
        List<Integer> blocks = new ArrayList<>();
        for (int i = 0; i < poolNodes.size(); i++) {
            JsonNode node = poolNodes.get(i);
            Fields p = new Fields(source, "pools[" + i + "].", node);
            if (!node.isObject()) {
                throw p.error("", "must be an object with size, align, boundary");
            }
            p.only(POOL);
            if (!kind.equals("rounds") && node.has("blocks")) {
                throw p.error("blocks", "is for rounds scenarios only (the blocks each round allocates); a ring "
                        + "scenario's blocks in flight follow from depth and batch");
            }
            if (kind.equals("rounds") && node.has("prefill")) {
                throw p.error("prefill", "is for ring scenarios only; a rounds scenario allocates every block "
                        + "itself, each round");
            }
            int size = p.requiredInteger("size", 1, Integer.MAX_VALUE);
            String poolName = p.text("name", "pool" + i + "-" + size);
            int align = p.integer("align", 0, 0, Integer.MAX_VALUE);
            int boundary = p.integer("boundary", 0, 0, Integer.MAX_VALUE);
            int prefill = p.integer("prefill", 0, 0, 1 << 24);
            blocks.add(p.integer("blocks", RoundsStormPlan.kernelBlocks(size), 1, 1 << 24));
            pools.add(plan(p, "", () -> new PoolSpec(poolName, size, align, boundary, prefill)));
        }
        StormPlan plan;
        if (kind.equals("rounds")) {
            int threads = f.integer("threads", 1, 1, 4096);
            long rounds = f.integer("rounds", 100, 1, Integer.MAX_VALUE);
            plan = plan(f, "threads", () -> new RoundsStormPlan(cpus, threads, pools, blocks, algorithm, debug,
                    rounds));
        } else {
            List<Integer> submitters = submitters(f, root.get("submitters"), cpus);
            int depth = f.integer("depth", 32, 1, 1 << 20);
            int batch = f.integer("batch", Math.min(8, depth), 1, 1 << 20);
            int queues = f.integer("queues", 1, 1, 64);
            long service = f.integer("serviceNanos", 0, 0, Integer.MAX_VALUE);
            IrqRouting irq = plan(f, "irq", () -> IrqRouting.parse(f.text("irq", "submitter")));
            String choice = f.text("poolChoice", "round-robin");
            if (!choice.equals("round-robin") && !choice.equals("random")) {
                throw f.error("poolChoice", "must be round-robin or random, was '" + choice + "'");
            }
            String wait = f.text("waitStrategy", "yielding");
            FaultPlan faults = faults(source, root.get("faults"));
            long operations = f.integer("operations", 100_000, 1, Integer.MAX_VALUE);
            plan = plan(f, "", () -> new RingStormPlan(cpus, pools, submitters, depth, batch, queues, service, irq,
                    choice.equals("random"), wait, faults, algorithm, debug, operations));
        }
        checkDeviceMemory(f, plan);
        return new Scenario(name, description, plan, source);
    }

    /**
     * Refuses, before any run, a scenario whose pools cannot fit in this JVM's direct memory at once: each ring pool
     * holds its prefill, or its share of every submitter's full depth; each rounds pool every thread's blocks.
     */
    private static void checkDeviceMemory(Fields f, StormPlan plan) {
        List<PoolSpec> pools = plan.pools();
        long limit = DeviceMemory.limit();
        long total = 0;
        String field = null;
        String why = null;
        long largest = -1;
        for (int i = 0; i < pools.size(); i++) {
            PoolSpec pool = pools.get(i);
            long held;
            String reason;
            String name;
            if (plan instanceof RoundsStormPlan) {
                RoundsStormPlan rounds = (RoundsStormPlan) plan;
                int perRound = rounds.blocks().get(i);
                held = (long) rounds.threads() * perRound;
                reason = "with " + rounds.threads() + " thread(s) x " + perRound + " per round";
                name = "pools[" + i + "].blocks";
            } else {
                RingStormPlan ring = (RingStormPlan) plan;
                long inFlight = ((long) ring.submitterCpus().size() * ring.depth() + pools.size() - 1)
                        / pools.size();
                boolean prefillLarger = pool.prefill() > inFlight;
                held = Math.max(pool.prefill(), inFlight);
                reason = prefillLarger ? "with a prefill of " + pool.prefill()
                        : "with " + inFlight + " in flight (submitters x depth)";
                name = prefillLarger ? "pools[" + i + "].prefill" : "pools[" + i + "].size";
            }
            long bytes = DeviceMemory.pagesFor(pool.size(), pool.align(), held);
            total += bytes;
            if (bytes > largest) {
                largest = bytes;
                field = name;
                why = pool.size() + "-byte blocks " + reason;
            }
        }
        if (total > limit) {
            throw new ScenarioException(f.source + ": " + field + ": " + why + " need at least "
                    + DeviceMemory.bytes(total) + " of device memory in all, more than this JVM's limit of "
                    + DeviceMemory.bytes(limit) + " (-XX:MaxDirectMemorySize, which JAVA_OPTS can raise)");
        }
    }

    private static List<Integer> submitters(Fields f, JsonNode node, int cpus) {
        List<Integer> list = new ArrayList<>();
        if (node == null || (node.isTextual() && node.asText().equals("all"))) {
            for (int cpu = 0; cpu < cpus; cpu++) {
                list.add(cpu);
            }
            return list;
        }
        if (!node.isArray() || node.isEmpty()) {
            throw f.error("submitters", "must be \"all\" or a non-empty array of CPU numbers, was " + node);
        }
        for (JsonNode cpu : node) {
            if (!cpu.canConvertToInt() || !cpu.isIntegralNumber() || cpu.asInt() < 0 || cpu.asInt() >= cpus) {
                throw f.error("submitters", "must hold CPU numbers between 0 and " + (cpus - 1) + ", had " + cpu);
            }
            list.add(cpu.asInt());
        }
        return list;
    }

    private static FaultPlan faults(String source, JsonNode node) {
        if (node == null || node.isNull()) {
            return FaultPlan.NONE;
        }
        Fields f = new Fields(source, "faults.", node);
        if (!node.isObject() || node.size() == 0) {
            throw f.error("", "must be an object with one of everyNth, probability (and seed), afterBudget");
        }
        f.only(FAULTS);
        List<String> kinds = FAULT_KINDS.stream().filter(node::has).collect(Collectors.toList());
        if (kinds.size() > 1) {
            throw f.error(kinds.get(1), "cannot be given with " + kinds.get(0) + ": a storm injects one kind of "
                    + "page fault; keep one of " + String.join(", ", kinds));
        }
        if (node.has("seed") && !node.has("probability")) {
            throw f.error("seed", "is the seed of probability's draws, and there is no probability");
        }
        if (node.has("everyNth")) {
            return plan(f, "everyNth", () -> new FaultPlan(FaultPlan.Kind.EVERY_NTH,
                    f.requiredInteger("everyNth", 1, Integer.MAX_VALUE), 0, 0));
        }
        if (node.has("afterBudget")) {
            return plan(f, "afterBudget", () -> new FaultPlan(FaultPlan.Kind.AFTER_BUDGET,
                    f.requiredInteger("afterBudget", 0, Integer.MAX_VALUE), 0, 0));
        }
        if (node.has("probability")) {
            JsonNode p = node.get("probability");
            if (!p.isNumber()) {
                throw f.error("probability", "must be a number between 0 and 1, was " + p);
            }
            long seed = f.integer("seed", 1, Integer.MIN_VALUE, Integer.MAX_VALUE);
            return plan(f, "probability", () -> new FaultPlan(FaultPlan.Kind.PROBABILITY, 0, p.asDouble(), seed));
        }
        throw f.error("", "must name one of everyNth, probability, afterBudget");
    }

    /** Runs a constructor whose own checks throw IllegalArgumentException, and names the source in its message. */
    private static <T> T plan(Fields f, String field, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (ScenarioException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            // the constructor may already have named the field; say it once
            throw f.error(field, message.startsWith(field + " ") ? message.substring(field.length() + 1) : message);
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

    /** Typed access to one object's fields, with errors that name the source and the field's path. */
    private static final class Fields {
        private final String source;
        private final String path;
        private final JsonNode node;

        Fields(String source, String path, JsonNode node) {
            this.source = source;
            this.path = path;
            this.node = node;
        }

        ScenarioException error(String field, String what) {
            String name = (path + field).replaceAll("\\.$", "");
            return new ScenarioException(source + ": " + (name.isEmpty() ? "" : name + " ") + what);
        }

        void only(Set<String> allowed) {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!allowed.contains(name)) {
                    throw error(name, "is not a known field here; known: " + String.join(", ",
                            new TreeSet<>(allowed)));
                }
            }
        }

        String text(String field, String fallback) {
            JsonNode value = node.get(field);
            if (value == null) {
                return fallback;
            }
            if (!value.isTextual()) {
                throw error(field, "must be a string, was " + value);
            }
            return value.asText();
        }

        String requiredText(String field) {
            String value = text(field, null);
            if (value == null || value.isBlank()) {
                throw error(field, "is required (a non-empty string)");
            }
            return value;
        }

        boolean bool(String field, boolean fallback) {
            JsonNode value = node.get(field);
            if (value == null) {
                return fallback;
            }
            if (!value.isBoolean()) {
                throw error(field, "must be true or false, was " + value);
            }
            return value.asBoolean();
        }

        int integer(String field, int fallback, int min, int max) {
            JsonNode value = node.get(field);
            if (value == null) {
                return fallback;
            }
            if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
                throw error(field, "must be an integer between " + min + " and " + max + ", was " + value);
            }
            return value.asInt();
        }

        int requiredInteger(String field, int min, int max) {
            if (node.get(field) == null) {
                throw error(field, "is required (an integer between " + min + " and " + max + ")");
            }
            return integer(field, 0, min, max);
        }
    }
}
