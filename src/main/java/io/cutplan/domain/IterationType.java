package io.cutplan.domain;

public enum IterationType {
    RUN,
    DRESS_REHEARSAL,
    CUTOVER
}
