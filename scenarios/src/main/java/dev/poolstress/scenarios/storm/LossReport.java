package dev.poolstress.scenarios.storm;

import java.util.List;

/**
 * How a storm ended: whether every block came back exactly once.
 *
 * @param lost        blocks that never came back: still counted active, missing from the free lists, or held by
 *                    commands that were never completed
 * @param doubleOwned blocks found owned twice: a completion that found another owner's tag in its block, or a block
 *                    the final audit was handed twice
 * @param problems    one sentence per finding, naming the pool, the block and what was wrong; empty when clean
 */
public record LossReport(long lost, long doubleOwned, List<String> problems) {
    public LossReport {
        problems = List.copyOf(problems);
    }

    public boolean clean() {
        return lost == 0 && doubleOwned == 0 && problems.isEmpty();
    }
}
