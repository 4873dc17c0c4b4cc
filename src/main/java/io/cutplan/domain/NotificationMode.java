package io.cutplan.domain;

/** Per iteration: send notifications, send none, or send every message to one test address. */
public enum NotificationMode {
    ON,
    OFF,
    TEST
}
