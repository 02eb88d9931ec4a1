package dev.poolstress.scenarios.storm;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import java.util.List;

/** The Disruptor wait strategies a device queue may idle with, by name. */
public final class WaitStrategies {
    public static final List<String> NAMES = List.of("blocking", "yielding", "busy-spin", "sleeping");

    private WaitStrategies() {
    }

    /** @throws IllegalArgumentException naming the accepted names */
    public static WaitStrategy create(String name) {
        switch (name == null ? "" : name) {
            case "blocking":
                return new BlockingWaitStrategy();
            case "yielding":
                return new YieldingWaitStrategy();
            case "busy-spin":
                return new BusySpinWaitStrategy();
            case "sleeping":
                return new SleepingWaitStrategy();
            default:
                throw new IllegalArgumentException("wait strategy must be one of " + String.join(", ", NAMES)
                        + ", was '" + name + "'");
        }
    }
}
