package io.cutplan.host.standalone;

import io.cutplan.api.authoring.CsvBodyReader;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every request body before the application sees it, without holding a thread while the bytes trickle in
 * (servlet non-blocking reads), so slow senders cannot take the server's threads away from everyone else
 * (issue 15, finding 1: 200 logged-in clients sending one byte every five seconds froze {@code /health}).
 *
 * <p>Every body, whoever sends it, gets a deadline for the whole body and must keep a minimum average data rate
 * after a short grace period; a sender that falls behind gets {@code 408} and its connection closed. At most
 * {@link Limits#maxConcurrentBodies()} bodies are read at once, holding at most {@link Limits#maxBufferedBytes()} in
 * memory between them; past that a request is refused at once with {@code 503} and {@code Retry-After}. The body
 * is then handed to the application from memory, so its own size limits and messages apply unchanged.
 *
 * <p>Small bodies (every JSON write of the page: a comment, a transition) have a lane of their own with a short
 * deadline, so slow senders filling the general lane never refuse a pilot's click; a slow sender in the small lane
 * is cut off after {@link Limits#quickDeadline()}.
 */
final class BodyReadGuard implements Filter {
    private static final Logger LOG = LoggerFactory.getLogger(BodyReadGuard.class);

    /** The knobs, in one place so a test can shorten them. */
    record Limits(Duration deadline, Duration grace, long minBytesPerSecond, int maxConcurrentBodies,
                  long maxBufferedBytes, long maxBodyBytes, long quickBodyBytes, Duration quickDeadline,
                  int maxQuickBodies) {
        static Limits defaults() {
            // 30 s covers a 10 MiB CSV at 350 KB/s; a JSON body is one packet. 1 KiB/s after 3 s is far below
            // any real client and far above a slow-loris (1 byte per 5 s).
            // A body up to twice the largest the application takes is still read (within the rate and memory
            // limits) so the application answers its own 413 once the client has finished sending: refusing it
            // unread would close the connection under a client still writing, and that client would see a reset
            // instead of the 413. Only a declared size beyond that is refused unread.
            // The small lane: 16 KiB in 5 s is 26 kbit/s, slower than a phone on a weak signal.
            return new Limits(Duration.ofSeconds(30), Duration.ofSeconds(3), 1024, 64, 64L << 20,
                    2L * CsvBodyReader.MAX_BODY_BYTES, 16 * 1024, Duration.ofSeconds(5), 256);
        }
    }

    private final Limits limits;
    private final Semaphore readers;
    private final Semaphore quickReaders;
    private final AtomicLong buffered = new AtomicLong();
    private static final long LOG_INTERVAL_NANOS = Duration.ofSeconds(10).toNanos();
    private final AtomicLong lastLogNanos = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS - 1);
    private final AtomicLong refusedSinceLog = new AtomicLong();
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cutplan-body-deadlines");
        t.setDaemon(true);
        return t;
    });

    BodyReadGuard(Limits limits) {
        this.limits = limits;
        this.readers = new Semaphore(limits.maxConcurrentBodies());
        this.quickReaders = new Semaphore(limits.maxQuickBodies());
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        long declared = request.getContentLengthLong();
        boolean chunked = request.getHeader("Transfer-Encoding") != null;
        if (declared <= 0 && !chunked) {
            chain.doFilter(req, res);
            return;
        }
        if (declared > limits.maxBodyBytes()) {
            refuse(response, 413, null);
            return;
        }
        boolean quick = !chunked && declared <= limits.quickBodyBytes();
        Semaphore lane = quick ? quickReaders : readers;
        if (!lane.tryAcquire()) {
            logRefusal("{} {}bodies are already being read", quick ? limits.maxQuickBodies() : limits.maxConcurrentBodies(),
                    quick ? "small " : "");
            refuse(response, 503, "2");
            return;
        }
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(0); // the deadline below is ours; the container's would answer with its own page
        new BodyRead(request, response, chain, async, lane, quick ? limits.quickDeadline() : limits.deadline()).start();
    }

    /** One body being read: callbacks from the container and the clock race to finish it, exactly once. */
    private final class BodyRead implements ReadListener {
        private final HttpServletRequest request;
        private final HttpServletResponse response;
        private final FilterChain chain;
        private final AsyncContext async;
        private final ServletInputStream in;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final byte[] chunk = new byte[8192];
        private final long startedNanos = System.nanoTime();
        private final AtomicBoolean finished = new AtomicBoolean();
        private final Semaphore lane;
        private final Duration deadline;
        private volatile long received;
        private ScheduledFuture<?> watchdog;

        BodyRead(HttpServletRequest request, HttpServletResponse response, FilterChain chain, AsyncContext async,
                 Semaphore lane, Duration deadline) throws IOException {
            this.lane = lane;
            this.deadline = deadline;
            this.request = request;
            this.response = response;
            this.chain = chain;
            this.async = async;
            this.in = request.getInputStream();
        }

        void start() {
            watchdog = clock.scheduleAtFixedRate(this::check, 500, 500, TimeUnit.MILLISECONDS);
            in.setReadListener(this);
        }

        @Override
        public void onDataAvailable() throws IOException {
            while (in.isReady() && !finished.get()) {
                int n = in.read(chunk);
                if (n < 0) {
                    return;
                }
                if (buffered.addAndGet(n) > limits.maxBufferedBytes()) {
                    buffered.addAndGet(-n);
                    fail(503, "2", "the server holds too many request bodies at once");
                    return;
                }
                body.write(chunk, 0, n);
                received += n;
                if (received > limits.maxBodyBytes()) {
                    fail(413, null, "body over the limit");
                    return;
                }
            }
        }

        @Override
        public void onAllDataRead() {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            release();
            try {
                chain.doFilter(new BufferedBodyRequest(request, body.toByteArray()), response);
            } catch (IOException | ServletException | RuntimeException e) {
                LOG.error("Request failed after its body was read: {}", e.toString(), e);
                if (!response.isCommitted()) {
                    write(response, 500);
                }
            } finally {
                async.complete();
            }
        }

        @Override
        public void onError(Throwable t) {
            fail(400, null, "the body could not be read: " + t.getClass().getSimpleName());
        }

        private void check() {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - startedNanos);
            if (elapsed.compareTo(deadline) > 0) {
                fail(408, null, "no complete body within " + deadline.toSeconds() + " s");
            } else if (elapsed.compareTo(limits.grace()) > 0
                    && received * 1000 / Math.max(1, elapsed.toMillis()) < limits.minBytesPerSecond()) {
                fail(408, null, "body arriving slower than " + limits.minBytesPerSecond() + " bytes/s");
            }
        }

        private void fail(int status, String retryAfter, String why) {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            release();
            logRefusal("answered {} to {}: {} ({} bytes received)", status, request.getRemoteAddr(), why, received);
            try {
                response.setHeader("Connection", "close");
                refuse(response, status, retryAfter);
            } catch (IOException | RuntimeException e) {
                // the client is gone: nothing to answer
            } finally {
                async.complete();
            }
        }

        private void release() {
            watchdog.cancel(false);
            buffered.addAndGet(-body.size());
            lane.release();
        }
    }

    /** At most one line per 10 s (with the count since), so an attack cannot flood the log either. */
    private void logRefusal(String format, Object... args) {
        long now = System.nanoTime();
        long last = lastLogNanos.get();
        long count = refusedSinceLog.incrementAndGet();
        if (now - last > LOG_INTERVAL_NANOS && lastLogNanos.compareAndSet(last, now)) {
            refusedSinceLog.set(0);
            Object[] all = new Object[args.length + 2];
            all[0] = count;
            all[1] = count == 1 ? "y" : "ies";
            System.arraycopy(args, 0, all, 2, args.length);
            LOG.warn("Refused {} request bod{} in the last 10 s; latest: " + format, all);
        }
    }

    private static void refuse(HttpServletResponse response, int status, String retryAfter) throws IOException {
        if (retryAfter != null) {
            response.setHeader("Retry-After", retryAfter);
        }
        write(response, status);
    }

    private static void write(HttpServletResponse response, int status) {
        try {
            response.setStatus(status);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.getOutputStream().write(JsonErrors.body(status));
        } catch (IOException | RuntimeException e) {
            // the client is gone
        }
    }

    @Override
    public void destroy() {
        clock.shutdownNow();
    }

    /** The request with its body already in memory. */
    private static final class BufferedBodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;
        private final ServletInputStream stream;

        BufferedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
            this.stream = streamOf(body);
        }

        /** One stream per request: Jersey asks for it again on every read. */
        @Override
        public ServletInputStream getInputStream() {
            return stream;
        }

        private static ServletInputStream streamOf(byte[] body) {
            ByteArrayInputStream bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return bytes.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body is already read");
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            String enc = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
            return new java.io.BufferedReader(new java.io.InputStreamReader(stream, java.nio.charset.Charset.forName(enc)));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
