package dev.statekeeper.bench.http;

import java.util.Arrays;

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
        return Arrays.stream(values()).filter(mode -> mode.label.equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no mode '" + label + "' (http, in-process)"));
    }
}
