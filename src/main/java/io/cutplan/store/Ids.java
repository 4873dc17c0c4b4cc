package io.cutplan.store;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * New primary keys: time-ordered UUIDs (RFC 9562 version 7), so inserts land at the end of B-tree indexes
 * instead of all over them.
 */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static UUID newId() {
        long millis = System.currentTimeMillis();
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        ByteBuffer rb = ByteBuffer.wrap(random);
        long randA = rb.getShort() & 0x0fffL;
        long randB = rb.getLong() & 0x3fffffffffffffffL;
        long msb = (millis << 16) | 0x7000L | randA;
        long lsb = 0x8000000000000000L | randB;
        return new UUID(msb, lsb);
    }
}
