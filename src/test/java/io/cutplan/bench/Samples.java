package io.cutplan.bench;

import java.util.Arrays;

/** A growable list of measurements (nanoseconds or bytes) with exact percentiles. Thread-safe. */
public final class Samples {
    private long[] values = new long[1024];
    private int size;

    public synchronized void add(long v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    public synchronized int count() {
        return size;
    }

    public synchronized long percentile(double p) {
        if (size == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * size) - 1;
        return sorted[Math.max(0, Math.min(size - 1, index))];
    }

    public synchronized double mean() {
        if (size == 0) {
            return 0;
        }
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += values[i];
        }
        return sum / size;
    }

    public synchronized long max() {
        long m = 0;
        for (int i = 0; i < size; i++) {
            m = Math.max(m, values[i]);
        }
        return m;
    }

    public static String ms(double nanos) {
        return String.format(java.util.Locale.ROOT, nanos < 10_000_000 ? "%.2f" : "%.1f", nanos / 1e6);
    }
}
