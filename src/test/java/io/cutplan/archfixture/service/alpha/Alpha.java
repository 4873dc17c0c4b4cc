package io.cutplan.archfixture.service.alpha;

import io.cutplan.archfixture.service.beta.Beta;

/** Wrong on purpose: service.alpha -> service.beta -> service.alpha is a package cycle. */
public final class Alpha {
    public Beta beta;
}
