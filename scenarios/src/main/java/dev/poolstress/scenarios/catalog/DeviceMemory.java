package dev.poolstress.scenarios.catalog;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * What a scenario's pools need at least of the emulated device's memory, against what this JVM may allocate.
 *
 * <p>Device pages are direct buffers, so the JVM's {@code -XX:MaxDirectMemorySize} (by default the maximum heap)
 * bounds every storm. The estimate is a lower bound (whole pages for the blocks a scenario must hold at once,
 * boundaries ignored), so a scenario refused here could never run; one that passes may still run out at run time.
 */
final class DeviceMemory {
    private static final int PAGE_SIZE = 4096;
    private static final int MIN_BLOCK = 16;

    private DeviceMemory() {
    }

    /** Bytes of whole pages that {@code blocks} blocks of a pool need, as {@code dma_pool_create} sizes them. */
    static long pagesFor(int size, int align, long blocks) {
        long block = Math.max(size, MIN_BLOCK);
        if (align > 1) {
            block = (block + align - 1) / align * align;
        }
        long allocation = Math.max(block, PAGE_SIZE);
        long perPage = allocation / block;
        long pages = (blocks + perPage - 1) / perPage;
        return pages * allocation;
    }

    /** The most direct memory this JVM will hand out. */
    static long limit() {
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        long configured = hotspot == null ? 0 : Long.parseLong(hotspot.getVMOption("MaxDirectMemorySize").getValue());
        return configured > 0 ? configured : Runtime.getRuntime().maxMemory();
    }

    /** 6.0 GiB, 512 MiB, 4 KiB. */
    static String bytes(long n) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = n;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? n + " B" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
