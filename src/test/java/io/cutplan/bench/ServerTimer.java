package io.cutplan.bench;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The outermost servlet filter of the benchmark server: for each request carrying an {@code X-Bench-Label}
 * header it records the wall time spent in the server (login filter, JAX-RS, the resource, writing the
 * body) and the CPU time of the Jetty thread that served it. This is "server time" as the targets mean it:
 * without the client, the loopback network or the client's queueing.
 */
public final class ServerTimer implements Filter {
    public static final String LABEL = "X-Bench-Label";
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public record Series(Samples wall, Samples cpu) {
    }

    private final Map<String, Series> series = new ConcurrentHashMap<>();

    public ServerTimer() {
        THREADS.setThreadCpuTimeEnabled(true);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        String label = ((HttpServletRequest) req).getHeader(LABEL);
        if (label == null) {
            chain.doFilter(req, res);
            return;
        }
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        try {
            chain.doFilter(req, res);
            res.flushBuffer();
        } finally {
            long wall = System.nanoTime() - t0;
            long cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
            Series s = series.computeIfAbsent(label, k -> new Series(new Samples(), new Samples()));
            s.wall().add(wall);
            s.cpu().add(cpu);
        }
    }

    public Series series(String label) {
        return series.computeIfAbsent(label, k -> new Series(new Samples(), new Samples()));
    }

    public void reset(String label) {
        series.remove(label);
    }
}
