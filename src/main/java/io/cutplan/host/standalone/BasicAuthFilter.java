package io.cutplan.host.standalone;

import io.cutplan.api.ErrorBody;
import io.cutplan.api.ErrorResponses;
import io.cutplan.api.JsonMapper;
import io.cutplan.domain.DomainException;
import io.cutplan.store.Database;
import io.cutplan.store.CredentialDao;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * HTTP Basic login for the standalone host against {@code local_credentials}. Only the health endpoint is
 * open to anonymous callers; everything else asks the browser to log in.
 *
 * <p>Hardening (issue 15): failed logins are throttled per user name and per client address ({@link LoginThrottle}:
 * 429 with {@code Retry-After}, no password checked meanwhile); an unknown user costs the same PBKDF2 work as a known
 * one ({@link PasswordHasher#matchesOrDummy}); a checked login is remembered for {@link #CACHE_TTL} so a poll every
 * five seconds does not pay for PBKDF2 each time, but only as long as the credential it was checked against is
 * unchanged: the request carries that credential's version, the caller lookup refuses it once the password was set
 * again or the user deactivated (by any process), and such a refusal forgets the remembered login.
 */
public final class BasicAuthFilter implements Filter {
    static final Duration CACHE_TTL = Duration.ofSeconds(60);
    static final int CACHE_MAX_ENTRIES = 10_000;
    private static final String REALM = "Cutplan";

    private final Database database;
    /**
     * Password checks (PBKDF2, tens of ms of CPU each) run at most this many at once; the rest queue for up to
     * {@link #CHECK_QUEUE_WAIT} (at most {@link #MAX_QUEUED_CHECKS} of them, further ones are 503 {@code login_busy}
     * with {@code Retry-After} at once) and look at the throttle again when their turn comes, so a burst of parallel wrong
     * passwords costs a handful of checks, not one each (issue 15, finding 5), and the CPU stays free for the rest.
     */
    static final int CONCURRENT_CHECKS = Math.max(2, Runtime.getRuntime().availableProcessors());
    static final Duration CHECK_QUEUE_WAIT = Duration.ofSeconds(5);
    /** Beyond this many waiting, a login is answered 503 at once: waiting requests hold threads health needs too. */
    static final int MAX_QUEUED_CHECKS = 64;
    private final Semaphore checks = new Semaphore(CONCURRENT_CHECKS, true);
    private final LoginThrottle throttle = new LoginThrottle();
    /** Logins being checked right now (digest -> outcome): empty at rest, at most one entry per running request. */
    private final ConcurrentHashMap<String, CompletableFuture<Instant>> inFlight = new ConcurrentHashMap<>();
    /** Digest of a checked Authorization header -> who it is and until when; bounded, least recently used out. */
    private final LinkedHashMap<String, Remembered> verified = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Remembered> eldest) {
            return size() > CACHE_MAX_ENTRIES;
        }
    };

    private record Remembered(String username, Instant credentialVersion, long until) {
    }

    public BasicAuthFilter(Database database) {
        this.database = database;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            if (isPublic(request)) {
                chain.doFilter(req, res);
            } else {
                challenge(response, "authentication_required", "Log in with your Cutplan user name and password");
            }
            return;
        }
        String token = header.substring(6).trim();
        String[] login = decode(token);
        if (login == null) {
            challenge(response, "invalid_credentials", "Unknown user name or wrong password");
            return;
        }
        String username = login[0];
        long wait = throttle.userWait(username);
        if (wait > 0) {
            tooManyAttempts(response, wait);
            return;
        }
        String cacheKey = sha256(token);
        Remembered remembered = remembered(cacheKey);
        if (remembered != null) {
            chain.doFilter(new AuthenticatedRequest(request, new LoginPrincipal(username, remembered.credentialVersion())), res);
            if (response.getStatus() == 401) {
                // The caller lookup refused the credential version: the next request checks the password again.
                forget(cacheKey);
            }
            return;
        }
        wait = throttle.addressWait(request.getRemoteAddr());
        if (wait > 0) {
            tooManyAttempts(response, wait);
            return;
        }
        // The same login already being checked by a parallel request (a page's first requests, a client's burst)
        // shares that check's answer instead of queueing for its own.
        CompletableFuture<Instant> mine = new CompletableFuture<>();
        CompletableFuture<Instant> running = inFlight.putIfAbsent(cacheKey, mine);
        if (running != null && running.isDone()) {
            // A check that has answered already and is only not removed yet: not a parallel one to share.
            inFlight.remove(cacheKey, running);
            running = inFlight.putIfAbsent(cacheKey, mine);
        }
        if (running != null) {
            shareCheck(running, username, request, response, chain);
            return;
        }
        Instant version = null;
        try {
            if (checks.getQueueLength() >= MAX_QUEUED_CHECKS
                    || !checks.tryAcquire(CHECK_QUEUE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                busy(response);
                return;
            }
            try {
                // Again, now that it is this request's turn: while it queued, failures of others may have throttled
                // the user name or the address, or the same login may have been checked meanwhile.
                remembered = remembered(cacheKey);
                wait = throttle.userWait(username);
                if (wait == 0 && remembered == null) {
                    wait = throttle.addressWait(request.getRemoteAddr());
                }
                if (wait > 0) {
                    tooManyAttempts(response, wait);
                    return;
                }
                if (remembered != null) {
                    version = remembered.credentialVersion();
                } else {
                    version = check(username, login[1], cacheKey, mine, request, response);
                }
            } finally {
                checks.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            busy(response);
            return;
        } finally {
            settle(cacheKey, mine, version, false);
        }
        if (version == null) {
            return;   // refused: the answer (401, or 503 while the database is away) is written
        }
        chain.doFilter(new AuthenticatedRequest(request, new LoginPrincipal(username, version)), res);
    }

    /** Answers as the parallel check of the same login did: passes, 401, or (not checked) 429 or 503. */
    private void shareCheck(CompletableFuture<Instant> running, String username, HttpServletRequest request,
                            HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        Instant version;
        try {
            version = running.get(CHECK_QUEUE_WAIT.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            busy(response);
            return;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            long wait = Math.max(throttle.userWait(username), throttle.addressWait(request.getRemoteAddr()));
            if (wait > 0) {
                tooManyAttempts(response, wait);
            } else {
                busy(response);
            }
            return;
        }
        if (version == null) {
            challenge(response, "invalid_credentials", "Unknown user name or wrong password");
            return;
        }
        chain.doFilter(new AuthenticatedRequest(request, new LoginPrincipal(username, version)), response);
    }

    private static void busy(HttpServletResponse response) throws IOException {
        response.setHeader("Retry-After", "1");
        writeError(response, 503, ErrorBody.of("login_busy", "Too many logins are being checked at once; try again"));
    }

    /**
     * Ends this request's check for the requests sharing it and forgets it, before its answer is written (a retry
     * must not find it): the credential version when the login passed, null when the password was {@code wrong}
     * (sharers answer 401), "not checked" otherwise (sharers answer by the throttle, or busy). Safe to call again:
     * the first outcome stays.
     */
    private void settle(String cacheKey, CompletableFuture<Instant> mine, Instant version, boolean wrong) {
        if (version != null || wrong) {
            mine.complete(version);
        } else if (!mine.isDone()) {
            mine.completeExceptionally(new IllegalStateException("not checked"));
        }
        inFlight.remove(cacheKey, mine);
    }

    /** The password check proper (one PBKDF2): the credential version when right; else null, the answer written. */
    private Instant check(String username, String password, String cacheKey, CompletableFuture<Instant> mine,
                          HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<CredentialDao.Credential> credential;
        try {
            credential = database.transactor().readOnly(c -> CredentialDao.credential(c, username));
        } catch (DomainException e) {
            // A login not remembered yet needs the database; while it is down, say so as the API would.
            settle(cacheKey, mine, null, false);
            response.setHeader("Retry-After", "5");
            writeError(response, ErrorResponses.status(e.kind()), ErrorBody.of(e.code(), e.getMessage()));
            return null;
        }
        if (!PasswordHasher.matchesOrDummy(password, credential.map(CredentialDao.Credential::passwordHash))) {
            throttle.failed(username, request.getRemoteAddr());
            // Settled and gone before the 401 leaves: the client's next attempt with the same wrong password is a
            // new attempt (checked and counted), never a share of this one (CI caught a retry counted as nothing).
            settle(cacheKey, mine, null, true);
            challenge(response, "invalid_credentials", "Unknown user name or wrong password");
            return null;
        }
        throttle.succeeded(username);
        Instant version = credential.get().updatedAt();
        remember(cacheKey, new Remembered(username, version, System.nanoTime() + CACHE_TTL.toNanos()));
        return version;
    }

    private static boolean isPublic(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.equals("/rest/cutplan/1.0/health") || path.equals("/favicon.ico");
    }

    /** {user name, password}, or null for a header that is not a Basic login. */
    private static String[] decode(String token) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    private synchronized Remembered remembered(String key) {
        Remembered r = verified.get(key);
        if (r != null && r.until() - System.nanoTime() <= 0) {
            verified.remove(key);
            return null;
        }
        return r;
    }

    private synchronized void remember(String key, Remembered r) {
        verified.put(key, r);
    }

    private synchronized void forget(String key) {
        verified.remove(key);
    }

    /** Forgets every remembered login of a user (its password was just set in this process). */
    synchronized void forgetLogins(String username) {
        verified.values().removeIf(r -> r.username().equals(username));
    }

    /** Remembered logins, for tests. */
    synchronized int rememberedLogins() {
        return verified.size();
    }

    LoginThrottle throttle() {
        return throttle;
    }

    /** The cache never holds credentials themselves, only a digest of them. */
    private static String sha256(String token) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void challenge(HttpServletResponse response, String code, String message) throws IOException {
        response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        writeError(response, 401, ErrorBody.of(code, message));
    }

    private static void tooManyAttempts(HttpServletResponse response, long seconds) throws IOException {
        response.setHeader("Retry-After", Long.toString(seconds));
        writeError(response, 429, new ErrorBody("too_many_login_attempts",
                "Too many failed logins; try again in " + seconds + " s", null, Map.of("retryAfterSeconds", seconds)));
    }

    /** The API's JSON error body, written by the filter itself (the REST layer never sees these requests). */
    private static void writeError(HttpServletResponse response, int status, ErrorBody body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        JsonMapper.get().writeValue(response.getOutputStream(), body);
    }

    /** The authenticated user and the version of the credential the login was checked against. */
    record LoginPrincipal(String username, Instant credentialVersion) implements Principal {
        LoginPrincipal {
            java.util.Objects.requireNonNull(credentialVersion, "a login principal is a checked login");
        }

        @Override
        public String getName() {
            return username;
        }

        @Override
        public String toString() {
            return username;
        }
    }

    private static final class AuthenticatedRequest extends HttpServletRequestWrapper {
        private final LoginPrincipal principal;

        AuthenticatedRequest(HttpServletRequest request, LoginPrincipal principal) {
            super(request);
            this.principal = principal;
        }

        @Override
        public String getRemoteUser() {
            return principal.username();
        }

        @Override
        public Principal getUserPrincipal() {
            return principal;
        }

        @Override
        public String getAuthType() {
            return BASIC_AUTH;
        }
    }
}
