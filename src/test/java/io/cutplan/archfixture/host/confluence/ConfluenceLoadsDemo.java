package io.cutplan.archfixture.host.confluence;

import io.cutplan.archfixture.demo.DemoRunbook;

/** Wrong on purpose: the Confluence host using demo code (only the standalone host may). */
public final class ConfluenceLoadsDemo {
    public DemoRunbook demo;
}
