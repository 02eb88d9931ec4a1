package dev.poolstress.scenarios.storm;

/**
 * Which CPU a completion interrupt is raised on: the CPU that submitted the command ({@code submitter}), one fixed
 * CPU ({@code cpu:N}), every CPU in turn ({@code spread}), or a CPU drawn at random ({@code random}).
 */
public record IrqRouting(Mode mode, int cpu) {
    /** How the target CPU is chosen. */
    public enum Mode { SUBMITTER, FIXED, SPREAD, RANDOM }

    public static IrqRouting submitter() {
        return new IrqRouting(Mode.SUBMITTER, -1);
    }

    public static IrqRouting fixed(int cpu) {
        return new IrqRouting(Mode.FIXED, cpu);
    }

    public static IrqRouting spread() {
        return new IrqRouting(Mode.SPREAD, -1);
    }

    public static IrqRouting random() {
        return new IrqRouting(Mode.RANDOM, -1);
    }

    /**
     * Parses {@code submitter}, {@code spread}, {@code random} or {@code cpu:N}.
     *
     * @throws IllegalArgumentException saying what would be accepted
     */
    public static IrqRouting parse(String text) {
        if (text != null) {
            switch (text) {
                case "submitter":
                    return submitter();
                case "spread":
                    return spread();
                case "random":
                    return random();
                default:
                    if (text.startsWith("cpu:")) {
                        try {
                            int cpu = Integer.parseInt(text.substring(4));
                            if (cpu >= 0) {
                                return fixed(cpu);
                            }
                        } catch (NumberFormatException e) {
                            // falls through to the error below
                        }
                    }
            }
        }
        throw new IllegalArgumentException("irq must be submitter, spread, random or cpu:N (N a CPU number), was '"
                + text + "'");
    }

    @Override
    public String toString() {
        return mode == Mode.FIXED ? "cpu:" + cpu : mode.name().toLowerCase(java.util.Locale.ROOT);
    }
}
