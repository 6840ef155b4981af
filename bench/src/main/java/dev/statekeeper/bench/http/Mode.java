package dev.statekeeper.bench.http;

import dev.statekeeper.bench.Flags;

/** How a run reaches the store: over HTTP through the server, or by calling the StateStore in-process. */
enum Mode {
    HTTP("http"),
    IN_PROCESS("in-process");

    private final String label;

    Mode(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    static Mode of(String label) {
        return Flags.choice("mode", Mode.class, Mode::label, label);
    }
}
