package io.cutplan.store;

import java.time.Duration;

/**
 * The lease mechanics both outboxes share (mail: {@code notification_outbox}, webhooks: {@code webhook_deliveries},
 * each with the columns status, attempts, next_attempt_at, claim_token, claimed_by, claimed_until, last_error,
 * updated_at, sent_at, failed_at). A dispatcher claims due rows with {@code FOR UPDATE SKIP LOCKED} and writes a
 * lease into them (token, holder, until) in a transaction that commits at once; it then sends holding no lock, and
 * records the outcome only while its token still matches, so a dispatcher that overran its lease cannot overwrite
 * the new holder. Each claim counts as an attempt, so a row that crashes its node every time still ends FAILED.
 * All times are the database's {@code now()}, never a node's clock.
 *
 * <p>The constants are SQL fragments for the table alias {@code o} (or no alias where noted); the statements
 * around them (which rows, what to return) stay in each DAO.
 */
public final class OutboxLease {
    /** Rows a dispatcher may claim: due PENDING ones and SENDING ones whose lease ran out; bind: maxAttempts. */
    public static final String DUE = "((status = 'PENDING' AND next_attempt_at <= now()) "
            + "OR (status = 'SENDING' AND claimed_until < now())) AND attempts < ?";
    /** SET clause of a claim; bind: token, holder, lease seconds. */
    public static final String CLAIM = "status = 'SENDING', claim_token = ?, claimed_by = ?, "
            + "claimed_until = now() + make_interval(secs => ?), attempts = o.attempts + 1, updated_at = now()";
    /** Claims that expired after the last allowed attempt; bind: maxAttempts. */
    public static final String ABANDONED = "status = 'SENDING' AND claimed_until < now() AND attempts >= ?";
    /** SET clause giving up on an abandoned claim. */
    public static final String GIVE_UP = "status = 'FAILED', failed_at = now(), updated_at = now(), claim_token = NULL, "
            + "claimed_until = NULL, last_error = left('Claimed by ' || coalesce(o.claimed_by, '?') "
            + "|| ' but never completed; gave up after ' || o.attempts || ' attempts', 2000)";
    /** SET clause handing an unsent claim back (the attempt did not happen, so it does not count). */
    public static final String RELEASE = "status = 'PENDING', attempts = greatest(attempts - 1, 0), "
            + "claim_token = NULL, claimed_until = NULL, updated_at = now()";
    public static final String SENT = "status = 'SENT', sent_at = now(), updated_at = now(), "
            + "claim_token = NULL, claimed_until = NULL, last_error = NULL";
    /** SET clause of a retry; bind: delay seconds, error. */
    public static final String RETRY = "status = 'PENDING', updated_at = now(), "
            + "next_attempt_at = now() + make_interval(secs => ?), claim_token = NULL, claimed_until = NULL, last_error = ?";
    /** SET clause of a final failure; bind: error. */
    public static final String FAILED = "status = 'FAILED', failed_at = now(), updated_at = now(), "
            + "claim_token = NULL, claimed_until = NULL, last_error = ?";
    /** SET clause queueing a FAILED row again with a fresh attempt budget (WHERE status = 'FAILED'). */
    public static final String RESEND = "status = 'PENDING', attempts = 0, next_attempt_at = now(), failed_at = NULL, "
            + "updated_at = now()";
    /** Matches the row only while the caller holds the claim; bind: id, token. */
    public static final String HELD = "id = ? AND claim_token = ?";

    public static final int MAX_ERROR = 2000;
    public static final int MAX_HOLDER = 200;

    private OutboxLease() {
    }

    /** A duration as the fractional seconds {@code make_interval(secs => ?)} takes. */
    public static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    public static String truncate(String s, int max) {
        if (s == null) {
            return null;
        }
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
