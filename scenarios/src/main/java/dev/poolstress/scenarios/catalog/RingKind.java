package dev.poolstress.scenarios.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolstress.scenarios.storm.FaultPlan;
import dev.poolstress.scenarios.storm.IrqRouting;
import dev.poolstress.scenarios.storm.PoolSpec;
import dev.poolstress.scenarios.storm.RingStormPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code kind: ring}, the default: submitters publish commands into a Disruptor ring that device queues complete
 * ({@link RingStormPlan}). Its pools may be prefilled; its blocks in flight follow from depth and batch.
 */
final class RingKind extends ScenarioKind<RingStormPlan, PoolSpec> {
    private static final List<String> FAULT_KINDS = List.of("everyNth", "probability", "afterBudget");
    private static final Set<String> FAULTS = Set.of("everyNth", "probability", "seed", "afterBudget");

    RingKind() {
        super("ring", "Disruptor storm", List.of(
                Field.of("submitters", "\"all\" | [cpu, ...] [all]"),
                Field.of("depth, batch", "in flight per submitter, per publish [32, 8]"),
                Field.of("queues", "device queues, one thread each [1]"),
                Field.of("serviceNanos", "busy-spin per command [0]"),
                Field.of("irq", "submitter | spread | random | cpu:N [submitter]"),
                Field.of("poolChoice", "round-robin | random [round-robin]"),
                Field.of(WAIT_STRATEGY, "blocking | yielding | busy-spin | sleeping", "[yielding]"),
                Field.of("faults", "{everyNth: n} | {probability: p, seed: s}", "| {afterBudget: pages} [none]"),
                Field.of("operations", "run length in allocation attempts [100000]")),
                List.of(new PoolField("prefill", "prefill [0]", "")),
                "a ring scenario's blocks in flight follow from depth and batch");
    }

    @Override
    PoolSpec pool(Fields fields, CommonPool common) {
        return common.spec(fields, fields.integer("prefill", 0, 0, 1 << 24));
    }

    @Override
    RingStormPlan plan(Fields f, Machine machine, List<PoolSpec> pools) {
        int cpus = machine.cpus();
        List<Integer> submitters = submitters(f, f.get("submitters"), cpus);
        int depth = f.integer("depth", 32, 1, 1 << 20);
        int batch = f.integer("batch", Math.min(8, depth), 1, 1 << 20);
        int queues = f.integer("queues", 1, 1, 64);
        long service = f.integer("serviceNanos", 0, 0, Integer.MAX_VALUE);
        IrqRouting irq = f.build("irq", () -> IrqRouting.parse(f.text("irq", "submitter")));
        String choice = f.text("poolChoice", "round-robin");
        if (!choice.equals("round-robin") && !choice.equals("random")) {
            throw f.error("poolChoice", "must be round-robin or random, was '" + choice + "'");
        }
        String wait = f.text(WAIT_STRATEGY, "yielding");
        FaultPlan faults = faults(f.source, f.get("faults"));
        long operations = f.integer("operations", 100_000, 1, Integer.MAX_VALUE);
        return f.build("", () -> new RingStormPlan(cpus, pools, submitters, depth, batch, queues, service, irq,
                choice.equals("random"), wait, faults, machine.algorithm(), machine.debug(), operations));
    }

    /** Its prefill, or its share of every submitter's full depth, whichever is more. */
    @Override
    Demand demand(RingStormPlan plan, int index) {
        PoolSpec pool = plan.pools().get(index);
        int pools = plan.pools().size();
        long inFlight = ((long) plan.submitterCpus().size() * plan.depth() + pools - 1) / pools;
        if (pool.prefill() > inFlight) {
            return new Demand(pool.prefill(), "pools[" + index + "].prefill", "with a prefill of " + pool.prefill());
        }
        return new Demand(inFlight, "pools[" + index + "].size",
                "with " + inFlight + " in flight (submitters x depth)");
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
            return f.build("everyNth", () -> new FaultPlan(FaultPlan.Kind.EVERY_NTH,
                    f.requiredInteger("everyNth", 1, Integer.MAX_VALUE), 0, 0));
        }
        if (node.has("afterBudget")) {
            return f.build("afterBudget", () -> new FaultPlan(FaultPlan.Kind.AFTER_BUDGET,
                    f.requiredInteger("afterBudget", 0, Integer.MAX_VALUE), 0, 0));
        }
        if (node.has("probability")) {
            JsonNode p = node.get("probability");
            if (!p.isNumber()) {
                throw f.error("probability", "must be a number between 0 and 1, was " + p);
            }
            long seed = f.integer("seed", 1, Integer.MIN_VALUE, Integer.MAX_VALUE);
            return f.build("probability", () -> new FaultPlan(FaultPlan.Kind.PROBABILITY, 0, p.asDouble(), seed));
        }
        throw f.error("", "must name one of everyNth, probability, afterBudget");
    }
}
