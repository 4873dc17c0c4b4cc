package io.cutplan.service.iteration;

import io.cutplan.domain.IterationType;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * What it takes to create an iteration: which migration and plan, its code, name, type and planned window,
 * and optionally the steps in scope ({@code null} means the whole plan).
 */
public record NewIteration(UUID migrationId, UUID planId, String code, String name, IterationType type,
                           Instant plannedStart, Instant plannedEnd, Set<UUID> scope) {
}
