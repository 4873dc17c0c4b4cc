package io.cutplan.domain;

import java.util.List;

/**
 * The go/no-go gate of a step about to become DONE: it is blocked while any task is open or any critical
 * control linked to its tasks has not PASSED in this iteration.
 */
public record GateCheck(int openTasks, List<String> unpassedControls) {

    public GateCheck {
        unpassedControls = List.copyOf(unpassedControls);
    }

    public boolean blocked() {
        return openTasks > 0 || !unpassedControls.isEmpty();
    }

    public String describe() {
        StringBuilder b = new StringBuilder();
        if (openTasks > 0) {
            b.append(openTasks).append(openTasks == 1 ? " task is" : " tasks are").append(" still open");
        }
        if (!unpassedControls.isEmpty()) {
            if (b.length() > 0) {
                b.append("; ");
            }
            b.append("critical control(s) not PASSED: ").append(String.join(", ", unpassedControls));
        }
        return b.toString();
    }
}
