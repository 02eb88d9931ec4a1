package dev.poolstress.scenarios.tune;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the runs can say about the strategies, in tiers: the strategies the data cannot separate share a tier.
 *
 * <p>Tiers are built from the loss-free strategies ranked by median throughput. The first still unplaced is the
 * next tier's leader; every other unplaced strategy joins its tier unless the two are <em>separated</em>: the
 * leader's runs are higher by the Mann-Whitney U test, at a significance of 1 - {@link Samples#CONFIDENCE} shared
 * among the comparisons with the leader (Bonferroni: with ten strategies each of the nine tests needs p below
 * 0.05 / 9), and the bootstrap interval of the ratio of their medians lies wholly above {@link #MARGIN}. Both must
 * agree, so a ratio printed with an interval that reaches {@link #MARGIN} is never called a difference, and a
 * strategy joins a lower tier only on strong evidence: the first tier is what the data cannot rule out. The pick
 * is the first tier's leader; its confidence is the share of bootstrap resamples in which its median is the highest
 * of all.
 *
 * @param tiers        strategy ids, best tier first, each tier by median
 * @param confidence   the chance, by the bootstrap, that the pick has the highest median of all; 0 with no pick
 * @param pickOver     the pick's ratio over every other ranked strategy, in ranking order
 * @param closest      of the pick's tier mates, the one the data comes nearest to separating from the pick
 * @param budgetFactor about how many times the measurement so far would separate {@code closest} (the interval
 *                     narrows as the square root of the runs); infinite when their medians are equal
 */
public record Verdict(List<List<String>> tiers, double confidence, Map<String, Versus> pickOver,
                      Optional<String> closest, double budgetFactor) {
    /** The pick against one other strategy. */
    public record Versus(String other, Ratio ratio, double p, boolean separated) {
        /**
         * About how many times the runs so far might separate the two: the interval's half-width (on a log scale)
         * must shrink below the effect beyond the {@link #MARGIN}, and it shrinks as the square root of the runs.
         * Infinite when the ratio is within 0.1% of the margin or below it.
         */
        public double runsFactor() {
            double effect = Math.log(ratio.estimate() / MARGIN);
            double halfWidth = (Math.log(ratio.high()) - Math.log(ratio.low())) / 2;
            if (!(effect > 1e-3) || !Double.isFinite(halfWidth)) {
                return Double.POSITIVE_INFINITY;
            }
            // at least twice: an interval already clear of 1 with the rank test not yet convinced needs more runs
            return Math.max(2, Math.pow(halfWidth / effect, 2));
        }
    }

    /**
     * The smallest ratio of medians that separates two strategies: closer ones share a tier however long they are
     * measured. A lock 20% apart on one scenario is not one to choose by, and without a margin two strategies that
     * close would fall on either side of the test from one tune to the next, so the first tier would change between
     * runs (as percpu and thread-cache did on irq-remote, at 1.04x to 1.26x).
     */
    public static final double MARGIN = 1.2;

    public static final Verdict NONE = new Verdict(List.of(), 0, Map.of(), Optional.empty(), 0);

    public Verdict {
        tiers = tiers.stream().map(List::copyOf).toList();
        pickOver = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(pickOver));
    }

    /** @param ranked the loss-free strategies, highest median throughput first */
    public static Verdict of(List<StrategyResult> ranked) {
        if (ranked.isEmpty()) {
            return NONE;
        }
        double significance = significance(ranked.size());
        List<List<String>> tiers = new ArrayList<>();
        List<StrategyResult> unplaced = new ArrayList<>(ranked);
        while (!unplaced.isEmpty()) {
            StrategyResult leader = unplaced.remove(0);
            List<String> tier = new ArrayList<>(List.of(leader.strategy()));
            List<StrategyResult> below = new ArrayList<>();
            for (StrategyResult other : unplaced) {
                if (compare(leader, other, significance).separated()) {
                    below.add(other);
                } else {
                    tier.add(other.strategy());
                }
            }
            tiers.add(tier);
            unplaced = below;
        }
        StrategyResult pick = ranked.get(0);
        Map<String, Versus> pickOver = new LinkedHashMap<>();
        for (StrategyResult other : ranked.subList(1, ranked.size())) {
            pickOver.put(other.strategy(), compare(pick, other, significance));
        }
        double confidence = Samples.chanceOfHighestMedian(
                ranked.stream().map(StrategyResult::throughputs).toList(), 0);
        Optional<String> closest = Optional.empty();
        double factor = 0;
        for (String mate : tiers.get(0).subList(1, tiers.get(0).size())) {
            double needed = pickOver.get(mate).runsFactor();
            if (closest.isEmpty() || needed < factor) {
                closest = Optional.of(mate);
                factor = needed;
            }
        }
        return new Verdict(tiers, confidence, pickOver, closest, factor);
    }

    /**
     * The significance each comparison with the leader must reach among {@code strategies} ranked ones: 1 -
     * {@link Samples#CONFIDENCE} shared among the comparisons (Bonferroni).
     */
    public static double significance(int strategies) {
        return (1 - Samples.CONFIDENCE) / Math.max(1, strategies - 1);
    }

    /** The fewest rounds over {@code strategies} that can separate any two of them ({@link Samples#runsToSeparate}). */
    public static int roundsToSeparate(int strategies) {
        return Samples.runsToSeparate(significance(strategies));
    }

    private static Versus compare(StrategyResult faster, StrategyResult slower, double significance) {
        Ratio ratio = Samples.ratioOfMedians(faster.throughputs(), slower.throughputs());
        double p = Samples.mannWhitneyP(faster.throughputs(), slower.throughputs());
        return new Versus(slower.strategy(), ratio, p, ratio.above(MARGIN) && p < significance);
    }

    public Optional<String> pick() {
        return tiers.isEmpty() ? Optional.empty() : Optional.of(tiers.get(0).get(0));
    }

    public List<String> topTier() {
        return tiers.isEmpty() ? List.of() : tiers.get(0);
    }

    /**
     * Whether measuring longer could not change the first tier: it holds the pick alone, or even its
     * {@link #closest} mate is within the {@link #MARGIN} of the pick (an infinite {@link #budgetFactor}), so none
     * can be split off.
     */
    public boolean firstTierSettled() {
        return closest.isEmpty() || Double.isInfinite(budgetFactor);
    }

    /** Whether the data separated anything at all: more than one tier. */
    public boolean separable() {
        return tiers.size() > 1;
    }

    /** The tier of {@code strategy}, counting from 1; 0 when it is not ranked. */
    public int tierOf(String strategy) {
        for (int t = 0; t < tiers.size(); t++) {
            if (tiers.get(t).contains(strategy)) {
                return t + 1;
            }
        }
        return 0;
    }

    /** The pick against the second tier's leader, when there is a second tier. */
    public Optional<Versus> overNextTier() {
        return tiers.size() < 2 ? Optional.empty() : Optional.of(pickOver.get(tiers.get(1).get(0)));
    }

    /** The pick against {@code strategy} (the default lock), unless that is the pick or was not ranked. */
    public Optional<Versus> over(String strategy) {
        return Optional.ofNullable(pickOver.get(strategy));
    }

    /**
     * The verdict in sentences: the pick, its confidence, how far ahead of the next tier and of the default lock;
     * or that nothing was separable, and what measuring longer would take.
     *
     * @param spent how long the measurement took, for the budget that would separate more
     */
    public String explain(String scenario, String defaultLock, Duration spent) {
        if (tiers.isEmpty()) {
            return "No strategy ran " + scenario + " without losing or doubling a block, so none can be recommended.";
        }
        String pick = pick().get();
        if (pickOver.isEmpty()) {
            return "Pick " + pick + " for " + scenario + ": it was the only loss-free strategy.";
        }
        String lean = String.format(Locale.ROOT, "highest median in %.0f%% of bootstrap resamples", 100 * confidence);
        StringBuilder text = new StringBuilder();
        if (!separable()) {
            text.append(String.format(Locale.ROOT, "Nothing is separable on %s in %s: all %d strategies form one "
                    + "tier. The data leans to %s (%s), no more", scenario, seconds(spent), topTier().size(), pick,
                    lean));
            over(defaultLock).ifPresent(d -> text.append("; it is at ").append(d.ratio()).append(" over ")
                    .append(defaultLock).append(", the default lock"));
            text.append('.');
        } else {
            text.append("Pick ").append(pick).append(" for ").append(scenario).append(": ")
                    .append(topTier().size() == 1 ? "alone in tier 1" : "the best of tier 1 ("
                            + String.join(", ", topTier()) + ")")
                    .append(", ").append(lean).append("; ");
            Versus next = overNextTier().get();
            text.append(next.ratio()).append(" tier 2's best, ").append(next.other());
            Optional<Versus> overDefault = over(defaultLock);
            if (overDefault.isPresent() && !overDefault.get().other().equals(next.other())) {
                text.append("; ").append(overDefault.get().ratio()).append(" ").append(defaultLock)
                        .append(", the default lock");
            } else if (overDefault.isPresent()) {
                text.append(", the default lock");
            } else if (pick.equals(defaultLock)) {
                text.append("; it is the default lock");
            }
            text.append('.');
        }
        closest.ifPresent(mate -> {
            text.append(' ').append(mate).append(", the closest to separating from ").append(pick).append(", is at ")
                    .append(pickOver.get(mate).ratio());
            if (Double.isInfinite(budgetFactor) || budgetFactor > 100) {
                text.append(String.format(Locale.ROOT, ": their medians are too close for any budget worth "
                        + "spending to tell them apart (the tiers split only beyond %.1fx).", MARGIN));
            } else {
                Duration needed = Duration.ofSeconds((long) Math.ceil(spent.toMillis() * budgetFactor / 1000));
                text.append(String.format(Locale.ROOT, "; about %.0fx the measurement (a budget of %d s) might "
                        + "separate it.", Math.ceil(budgetFactor), needed.toSeconds()));
            }
        });
        return text.toString();
    }

    private static String seconds(Duration spent) {
        return String.format(Locale.ROOT, "%.0f s", spent.toMillis() / 1000.0);
    }

    @Override
    public String toString() {
        return tiers.stream().map(t -> String.join(", ", t)).collect(Collectors.joining(" | "));
    }
}
