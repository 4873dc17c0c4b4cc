package io.cutplan.bench;

import java.util.UUID;

/** The runbook of a benchmark: generated at any size (see {@link RunbookGenerator}). */
final class Runbooks {
    record Loaded(String name, String source, UUID iteration, int steps, int tasks, String viewer, String pilot, String password) {
    }

    private Runbooks() {
    }

    static Loaded load(BenchWorld world, int size, String suffix) {
        RunbookGenerator.Runbook rb = RunbookGenerator.generate(world.server.database(), size, suffix);
        return new Loaded("generated " + size, "RunbookGenerator", rb.iterationId(), rb.steps(), rb.tasks(), rb.viewer(), rb.pilot(),
                RunbookGenerator.PASSWORD);
    }
}
