package io.cutplan.host.confluence;

import java.util.List;
import java.util.Optional;

/** Finds the one service of a type among {@code CutplanServices.all()}: the same rule the standalone host binds by. */
public final class ServiceLookup {
    private ServiceLookup() {
    }

    public static <T> Optional<T> find(List<Object> services, Class<T> type) {
        for (Object s : services) {
            if (s.getClass() == type) {
                return Optional.of(type.cast(s));
            }
        }
        for (Object s : services) {
            if (type.isInstance(s)) {
                return Optional.of(type.cast(s));
            }
        }
        return Optional.empty();
    }
}
