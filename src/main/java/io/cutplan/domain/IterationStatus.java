package io.cutplan.domain;

public enum IterationStatus {
    PLANNED,
    IN_PROGRESS,
    COMPLETED,
    CANCELLED
}
