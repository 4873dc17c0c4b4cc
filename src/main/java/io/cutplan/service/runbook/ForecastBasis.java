package io.cutplan.service.runbook;

import io.cutplan.domain.DomainException;
import java.util.Locale;

/** Which durations the forecast uses for work not yet done. */
public enum ForecastBasis {
    /** The plan's durations. */
    PLAN,
    /** Per canonical step, the median actual duration over the migration's completed iterations (else the plan's). */
    LEARNED;

    /** The name the API uses ({@code plan}, {@code learned}). */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code plan} (also when absent) or {@code learned}; anything else is 400 naming {@code basis}. */
    public static ForecastBasis parse(String value) {
        if (value == null || value.isEmpty()) {
            return PLAN;
        }
        for (ForecastBasis b : values()) {
            if (b.apiName().equals(value)) {
                return b;
            }
        }
        throw DomainException.invalid("basis", "'basis' must be plan or learned");
    }
}
