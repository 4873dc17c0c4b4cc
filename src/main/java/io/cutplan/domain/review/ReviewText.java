package io.cutplan.domain.review;

import io.cutplan.domain.schedule.Durations;
import io.cutplan.domain.schedule.ScheduleTimes;
import java.time.Instant;
import java.time.ZoneId;

/** Figures of a review as people read them, in words rather than signs (a CSV cell never starts with '-'). */
final class ReviewText {
    private ReviewText() {
    }

    static String time(Instant t, ZoneId zone) {
        return ScheduleTimes.format(t, zone);
    }

    static String minutes(Long m) {
        return m == null ? "" : Durations.format(m);
    }

    /** An end against its plan: "on time", "17 h 05 min late", "5 min early". */
    static String late(Long m) {
        return Durations.variance(m);
    }

    /** A duration against its plan: "as planned", "45 min longer", "10 min shorter". */
    static String longer(Long m) {
        if (m == null) {
            return "";
        }
        return m == 0 ? "as planned" : Durations.format(Math.abs(m)) + (m > 0 ? " longer" : " shorter");
    }

    /** What a step of the delay chain did to the end: "added 25 min", "saved 5 min", "none". */
    static String added(Long m) {
        if (m == null) {
            return "";
        }
        return m == 0 ? "none" : (m > 0 ? "added " : "saved ") + Durations.format(Math.abs(m));
    }

    static String text(String s) {
        return s == null ? "" : s;
    }
}
