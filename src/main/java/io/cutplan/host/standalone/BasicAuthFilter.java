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
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP Basic login for the standalone host against {@code local_credentials}. Only the health endpoint is
 * open to anonymous callers; everything else asks the browser to log in. Successful logins are remembered
 * for a short while so a poll every five seconds does not pay for PBKDF2 each time.
 */
public final class BasicAuthFilter implements Filter {
    private static final Duration CACHE_TTL = Duration.ofMinutes(5);
    private static final String REALM = "Cutplan";

    private final Database database;
    private final Map<String, Long> verified = new ConcurrentHashMap<>();

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
        Optional<String> user;
        try {
            user = authenticate(header.substring(6).trim());
        } catch (DomainException e) {
            // A login not cached yet needs the database; while it is down, say so as the API would.
            response.setHeader("Retry-After", "5");
            writeError(response, ErrorResponses.status(e.kind()), e.code(), e.getMessage());
            return;
        }
        if (user.isEmpty()) {
            challenge(response, "invalid_credentials", "Unknown user name or wrong password");
            return;
        }
        chain.doFilter(new AuthenticatedRequest(request, user.get()), res);
    }

    private static boolean isPublic(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.equals("/rest/cutplan/1.0/health") || path.equals("/favicon.ico");
    }

    private Optional<String> authenticate(String token) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        String username = decoded.substring(0, colon);
        String password = decoded.substring(colon + 1);
        String cacheKey = sha256(token);
        Long until = verified.get(cacheKey);
        if (until != null && until > System.nanoTime()) {
            return Optional.of(username);
        }
        Optional<String> hash = database.transactor().readOnly(c -> CredentialDao.passwordHash(c, username));
        if (hash.isPresent() && PasswordHasher.matches(password, hash.get())) {
            verified.put(cacheKey, System.nanoTime() + CACHE_TTL.toNanos());
            return Optional.of(username);
        }
        verified.remove(cacheKey);
        return Optional.empty();
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
        writeError(response, 401, code, message);
    }

    /** The API's JSON error body, written by the filter itself (the REST layer never sees these requests). */
    private static void writeError(HttpServletResponse response, int status, String code, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        JsonMapper.get().writeValue(response.getOutputStream(), ErrorBody.of(code, message));
    }

    private static final class AuthenticatedRequest extends HttpServletRequestWrapper {
        private final String username;

        AuthenticatedRequest(HttpServletRequest request, String username) {
            super(request);
            this.username = username;
        }

        @Override
        public String getRemoteUser() {
            return username;
        }

        @Override
        public Principal getUserPrincipal() {
            return () -> username;
        }

        @Override
        public String getAuthType() {
            return BASIC_AUTH;
        }
    }
}
