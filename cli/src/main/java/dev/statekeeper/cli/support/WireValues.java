package dev.statekeeper.cli.support;

import dev.statekeeper.core.domain.LoopStatus;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.PlanStatus;
import dev.statekeeper.core.domain.SessionStatus;
import dev.statekeeper.core.domain.SpecStatus;
import dev.statekeeper.core.domain.WireEnum;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/** The wire values of a domain enum, for {@code ${COMPLETION-CANDIDATES}} in option descriptions. */
public class WireValues implements Iterable<String> {
    private final List<String> values;

    WireValues(Class<? extends WireEnum> type) {
        values = Arrays.stream(type.getEnumConstants()).map(WireEnum::wire).toList();
    }

    @Override
    public Iterator<String> iterator() {
        return values.iterator();
    }

    public static final class LoopTypes extends WireValues {
        public LoopTypes() {
            super(LoopType.class);
        }
    }

    public static final class LoopStatuses extends WireValues {
        public LoopStatuses() {
            super(LoopStatus.class);
        }
    }

    public static final class SpecStatuses extends WireValues {
        public SpecStatuses() {
            super(SpecStatus.class);
        }
    }

    public static final class PlanStatuses extends WireValues {
        public PlanStatuses() {
            super(PlanStatus.class);
        }
    }

    public static final class SessionStatuses extends WireValues {
        public SessionStatuses() {
            super(SessionStatus.class);
        }
    }
}
