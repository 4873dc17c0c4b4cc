package io.cutplan.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time consumed by this JVM (server and client together) and by one PostgreSQL server (its postmaster
 * and every backend, read from /proc), so a run can say what one poll costs on both sides.
 */
public final class CpuMeter {
    private static final long TICK_NANOS = 10_000_000L; // USER_HZ is 100 on Linux
    private final long postmasterPid;

    public record Reading(long jvmNanos, long postgresNanos, long wallNanos) {
        public Reading minus(Reading earlier) {
            return new Reading(jvmNanos - earlier.jvmNanos, postgresNanos - earlier.postgresNanos, wallNanos - earlier.wallNanos);
        }
    }

    public CpuMeter(long postmasterPid) {
        this.postmasterPid = postmasterPid;
    }

    public Reading read() {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new Reading(os.getProcessCpuTime(), postgresCpuNanos(), System.nanoTime());
    }

    /** utime + stime of the postmaster and all its descendants (live ones; short-lived backends are missed). */
    long postgresCpuNanos() {
        if (postmasterPid <= 0) {
            return 0;
        }
        Map<Long, List<Long>> children = new HashMap<>();
        Map<Long, Long> cpu = new HashMap<>();
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                String name = d.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(d.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long pid = Long.parseLong(name);
                    long ppid = Long.parseLong(f[1]);
                    children.computeIfAbsent(ppid, k -> new ArrayList<>()).add(pid);
                    cpu.put(pid, (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_NANOS);
                } catch (IOException | RuntimeException gone) {
                    // the process ended while we looked
                }
            }
        } catch (IOException e) {
            return 0;
        }
        long total = 0;
        List<Long> todo = new ArrayList<>(List.of(postmasterPid));
        while (!todo.isEmpty()) {
            long pid = todo.remove(todo.size() - 1);
            total += cpu.getOrDefault(pid, 0L);
            todo.addAll(children.getOrDefault(pid, List.of()));
        }
        return total;
    }

    /** The postmaster behind a JDBC connection: the parent of its backend process. */
    public static long postmasterOf(long backendPid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(backendPid), "stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
