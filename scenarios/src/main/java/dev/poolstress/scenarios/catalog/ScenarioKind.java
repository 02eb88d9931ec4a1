package dev.poolstress.scenarios.catalog;

import dev.poolstress.engine.freelist.Algorithm;
import dev.poolstress.scenarios.storm.PoolSpec;
import dev.poolstress.scenarios.storm.StormPlan;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A kind of scenario, named by a scenario file's {@code kind}: the fields it adds to the common ones (each with the
 * lines {@code poolstress scenarios --help} shows for it), the fields it adds to each pool, how it reads them into
 * its {@link StormPlan} (which makes the kind's storm), and what each pool of that plan holds at once.
 *
 * <p>A kind accepts exactly the fields it documents: its field names are read off its {@link Field} rows. To add a
 * kind, extend this class and add an instance to {@link ScenarioParser#KINDS}; nothing else names the kinds.
 *
 * @param <P> the plan this kind's scenarios run
 * @param <Q> one pool as this kind reads it, before the plan is made of them all
 */
public abstract class ScenarioKind<P extends StormPlan, Q> {
    /** The field of a kind whose device queues wait; a run may override it ({@link Scenario#withWaitStrategy}). */
    static final String WAIT_STRATEGY = "waitStrategy";

    private final String name;
    private final String summary;
    private final List<Field> fields;
    private final List<PoolField> poolFields;
    private final String poolNote;

    /**
     * @param summary    what its storm does, in a few words, for the {@code kind} line of the field table
     * @param fields     its own top-level fields, in the order the table lists them
     * @param poolFields its own fields of each pool
     * @param poolNote   why its pools need none of the other kinds' pool fields, in a clause ("a ring scenario's
     *                   blocks in flight follow from depth and batch")
     */
    ScenarioKind(String name, String summary, List<Field> fields, List<PoolField> poolFields, String poolNote) {
        this.name = name;
        this.summary = summary;
        this.fields = List.copyOf(fields);
        this.poolFields = List.copyOf(poolFields);
        this.poolNote = poolNote;
    }

    /** The kind's name, as a scenario file gives it: {@code ring}, {@code rounds}. */
    public String name() {
        return name;
    }

    String summary() {
        return summary;
    }

    List<Field> fields() {
        return fields;
    }

    List<PoolField> poolFields() {
        return poolFields;
    }

    /** The names of its own top-level fields. */
    Set<String> fieldNames() {
        return Field.names(fields);
    }

    /** Whether a scenario of this kind may give {@code field} at the top level. */
    boolean has(String field) {
        return fieldNames().contains(field);
    }

    /** The error for {@code field}, a pool field of {@code owner}, given in a pool of this kind's scenario. */
    ScenarioException foreignPoolField(Fields pool, ScenarioKind<?, ?> owner, PoolField field) {
        return pool.error(field.name(), "is for " + owner.name() + " scenarios only" + field.aside() + "; "
                + poolNote);
    }

    /** Reads this kind's fields of one pool, whose common fields are read; makes its {@link PoolSpec}. */
    abstract Q pool(Fields fields, CommonPool common);

    /** Reads this kind's top-level fields and makes the plan, after the common fields and every pool are read. */
    abstract P plan(Fields fields, Machine machine, List<Q> pools);

    /** What pool {@code index} of {@code plan} holds at once, for the check of the device memory a scenario needs. */
    abstract Demand demand(P plan, int index);

    @Override
    public String toString() {
        return name;
    }

    /** The common fields of one pool, read and checked; {@link #spec} makes the pool with a kind's prefill. */
    record CommonPool(String name, int size, int align, int boundary) {
        PoolSpec spec(Fields fields, int prefill) {
            return fields.build("", () -> new PoolSpec(name, size, align, boundary, prefill));
        }
    }

    /** The common top-level fields every kind's plan takes. */
    record Machine(int cpus, Algorithm algorithm, boolean debug) {
    }

    /**
     * What one pool holds at once.
     *
     * @param blocks the blocks it holds
     * @param field  the field that set that number, for the message ({@code pools[0].prefill})
     * @param reason how the number came about ("with a prefill of 64")
     */
    record Demand(long blocks, String field, String reason) {
    }

    /**
     * One row of the field table: the fields it documents, comma-separated as the table shows them, and its text,
     * a line each (the table's second column).
     */
    record Field(String names, List<String> help) {
        static Field of(String names, String... help) {
            return new Field(names, List.of(help));
        }

        static Set<String> names(List<Field> fields) {
            Set<String> names = new TreeSet<>();
            for (Field field : fields) {
                names.addAll(List.of(field.names().split(", ")));
            }
            return names;
        }
    }

    /**
     * One field of a pool.
     *
     * @param help  the field in the table's pool line: {@code prefill [0]}
     * @param aside what the field is, in parentheses after "is for ... scenarios only", or empty
     */
    record PoolField(String name, String help, String aside) {
    }
}
