package io.cutplan.domain.forecast;

/**
 * Computes the forecast of one iteration: a forward pass from what actually happened, a backward pass for float,
 * the critical path, lateness and delay contribution. Pure and deterministic: the same input gives the same output.
 * The rules are explained to cutover managers in {@code docs/forecast.md}.
 */
public final class Forecaster {

    private Forecaster() {
    }

    public static Forecast compute(ForecastInput input) {
        throw new UnsupportedOperationException("the forecast engine is being built (issue 12)");
    }
}
