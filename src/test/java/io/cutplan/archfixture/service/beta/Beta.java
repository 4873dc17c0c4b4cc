package io.cutplan.archfixture.service.beta;

import io.cutplan.archfixture.service.alpha.Alpha;

/** Wrong on purpose: closes the cycle with {@link Alpha}. */
public final class Beta {
    public Alpha alpha;
}
