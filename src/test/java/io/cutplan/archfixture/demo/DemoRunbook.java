package io.cutplan.archfixture.demo;

import io.cutplan.archfixture.api.ApiWithJdbc;

/** Wrong on purpose: demo code that reaches into the api. */
public final class DemoRunbook {
    public ApiWithJdbc api;
}
