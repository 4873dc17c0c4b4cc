package io.cutplan.testing;

/** HTTP clients for the demo accounts (admin, pilot, executor, viewer), whose password is their own name. */
public final class DemoApi {
    private DemoApi() {
    }

    public static Api as(String demoUser) {
        return new Api(TestHost.get().restUrl(), demoUser, demoUser);
    }
}
