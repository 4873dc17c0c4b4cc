package io.cutplan.host.standalone;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failed-login counting with exponential backoff, per user name and per client address (issue 15, finding 5).
 *
 * <ul>
 *   <li>A user name is throttled after {@value #USER_THRESHOLD} failures in a row: the next attempt must wait 1 s,
 *       and each further failure doubles the wait, up to {@link #MAX_BACKOFF}. While throttled every login of that
 *       user name is answered 429, the right password and a remembered login included, and no password is checked.
 *       A successful login resets the user name's count.</li>
 *   <li>A client address (an IPv6 address by its /64 prefix) is throttled after {@value #ADDRESS_THRESHOLD} failures
 *       for any user names, with the same backoff: this stops one client spraying one guess at many user names. A
 *       success does not reset it (an attacker with one valid login could otherwise wash the count); it is forgotten
 *       {@link #FORGET_AFTER} after its last failure. While an address is throttled, logins the server already
 *       remembers as checked still pass (they cost no hash, and colleagues behind one NAT keep working); a login that
 *       would need a password check is 429.</li>
 *   <li>Attempts answered 429 are not counted (they were not checked). Unknown user names are counted like known
 *       ones, so throttling tells nothing about which names exist.</li>
 *   <li>Memory is bounded: each table keeps at most {@link #MAX_ENTRIES} entries, least recently touched first out,
 *       and an entry is dropped once it is {@link #FORGET_AFTER} old and not throttled.</li>
 * </ul>
 *
 * Each start of a throttle is logged at WARN (user name or address, failure count, wait; never a password). There is
 * no login audit trail in the event log (it records runbook changes), so the log is the audit.
 */
final class LoginThrottle {
    static final int USER_THRESHOLD = 5;
    static final int ADDRESS_THRESHOLD = 20;
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    static final Duration FORGET_AFTER = Duration.ofMinutes(15);
    static final int MAX_ENTRIES = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);

    private volatile LongSupplier nanoClock;
    private final Table users = new Table("user name", USER_THRESHOLD);
    private final Table addresses = new Table("client address", ADDRESS_THRESHOLD);

    LoginThrottle() {
        this(System::nanoTime);
    }

    LoginThrottle(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Test hook: drives the backoff with a clock the test moves (no sleeping). */
    void useClock(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Whole seconds the user name must still wait (at least 1), or 0 when it may try. */
    long userWait(String username) {
        return users.wait(key(username), nanoClock.getAsLong());
    }

    /** Whole seconds the client address must still wait (at least 1), or 0 when it may try. */
    long addressWait(String address) {
        return addresses.wait(addressKey(address), nanoClock.getAsLong());
    }

    void failed(String username, String address) {
        long now = nanoClock.getAsLong();
        users.fail(key(username), username, now);
        addresses.fail(addressKey(address), address, now);
    }

    void succeeded(String username) {
        users.reset(key(username));
    }

    /** Entries held (both tables), for tests. */
    int size() {
        return users.size() + addresses.size();
    }

    /** User names compare as the users table does (exactly); a very long one is cut, it can match no user anyway. */
    private static String key(String username) {
        return username.length() > 300 ? username.substring(0, 300) : username;
    }

    /** IPv6 clients hold a /64 each, so they are counted by prefix; IPv4 by address. */
    static String addressKey(String address) {
        if (address == null) {
            return "?";
        }
        if (address.indexOf(':') < 0) {
            return address;
        }
        try {
            // A literal address: no name lookup happens.
            byte[] b = InetAddress.getByName(address.startsWith("[") ? address.substring(1, address.length() - 1) : address)
                    .getAddress();
            if (b.length != 16) {
                return address;
            }
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                s.append(Integer.toHexString(((b[i] & 0xff) << 8) | (b[i + 1] & 0xff))).append(':');
            }
            return s.append(":/64").toString();
        } catch (UnknownHostException | RuntimeException e) {
            return address;
        }
    }

    /** Log text for request data: control characters replaced, length cut, so a log line cannot be forged. */
    static String printable(String s) {
        String cut = s.length() > 100 ? s.substring(0, 100) + "..." : s;
        StringBuilder b = new StringBuilder(cut.length());
        cut.codePoints().forEach(cp -> b.appendCodePoint(Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT ? '?' : cp));
        return b.toString();
    }

    private static final class Entry {
        int failures;
        long lastFailure;
        long blockedUntil;
        boolean blocked;
    }

    private final class Table {
        private final String what;
        private final int threshold;
        private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > MAX_ENTRIES;
            }
        };

        Table(String what, int threshold) {
            this.what = what;
            this.threshold = threshold;
        }

        synchronized long wait(String key, long now) {
            Entry e = entries.get(key);
            if (e == null) {
                return 0;
            }
            if (e.blocked && now - e.blockedUntil < 0) {
                long nanos = e.blockedUntil - now;
                return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
            }
            if (now - e.lastFailure > FORGET_AFTER.toNanos()) {
                entries.remove(key);
            }
            return 0;
        }

        synchronized void fail(String key, String shown, long now) {
            Entry e = entries.get(key);
            if (e == null || (now - e.lastFailure > FORGET_AFTER.toNanos() && !(e.blocked && now - e.blockedUntil < 0))) {
                e = new Entry();
                entries.put(key, e);
            }
            e.failures++;
            e.lastFailure = now;
            if (e.failures >= threshold) {
                int doublings = Math.min(e.failures - threshold, 20);
                long backoff = Math.min(MAX_BACKOFF.toNanos(), FIRST_BACKOFF.toNanos() << doublings);
                e.blocked = true;
                e.blockedUntil = now + backoff;
                LOG.warn("Login throttled: {} '{}' after {} failed logins; further logins refused for {} s",
                        what, printable(shown), e.failures, backoff / 1_000_000_000L);
            }
        }

        synchronized void reset(String key) {
            entries.remove(key);
        }

        synchronized int size() {
            return entries.size();
        }
    }
}
