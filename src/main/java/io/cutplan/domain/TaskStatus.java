package io.cutplan.domain;

public enum TaskStatus {
    OPEN,
    DONE
}
