package dev.slamonitor.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * (d) The benchmark JVM's memory and a processor's state on disk: heap after GC (the sum of the heap
 * pools' usage after collection, after {@code System.gc()}; the broker lives in the same JVM), RSS,
 * and the state directory's bytes, in total and per store.
 */
record ProcessMemory(long heapAfterGcBytes, long rssBytes, long stateDirBytes, Map<String, Long> storeBytes) {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessMemory.class);

    static ProcessMemory measure(Path stateDir) throws IOException {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        long heapAfterGc = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null)
                .mapToLong(p -> p.getCollectionUsage().getUsed()).sum();
        Map<String, Long> stores = new TreeMap<>();
        long total;
        try (Stream<Path> files = Files.walk(stateDir)) {
            total = 0;
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                long size = Files.size(f);
                total += size;
                stores.merge(storeOf(stateDir.relativize(f)), size, Long::sum);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new ProcessMemory(heapAfterGc, rss(), total, stores);
    }

    /** appId/taskId/rocksdb/store/... (key-value) or appId/taskId/store/segment/... (window) -> store. */
    private static String storeOf(Path relative) {
        for (int i = 0; i < relative.getNameCount() - 2; i++) {
            if (relative.getName(i).toString().matches("\\d+_\\d+|global")) {
                String next = relative.getName(i + 1).toString();
                return next.equals("rocksdb") && i + 2 < relative.getNameCount() - 1 ? relative.getName(i + 2).toString() : next;
            }
        }
        return "(other)";
    }

    private static long rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            LOG.debug("No RSS: {}", e.toString());
        }
        return -1;
    }
}
