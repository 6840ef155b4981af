package dev.statekeeper.core.archive;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The kinds of record, in the order an export writes them: whatever a record refers to comes before it (an
 * objective, a spec link and an active-loop entry name a loop; a spec link names a spec).
 */
public enum RecordKind {
    LOOP("loop"),
    OBJECTIVE("objective"),
    SPEC("spec"),
    SPEC_LINK("specLink"),
    ACTIVE_LOOP("activeLoop"),
    ROADMAP("roadmap"),
    PLAN("plan"),
    SESSION("session");

    private final String wire;

    RecordKind(String wire) {
        this.wire = wire;
    }

    /** The value of a record's {@code kind} field. */
    public String wire() {
        return wire;
    }

    /** "loop, objective, spec, ...": the order records must come in. */
    public static String order() {
        return Arrays.stream(values()).map(RecordKind::wire).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return wire;
    }
}
