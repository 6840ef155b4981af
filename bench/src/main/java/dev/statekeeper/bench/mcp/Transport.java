package dev.statekeeper.bench.mcp;

import java.util.Arrays;

/** How the client reaches the server: {@code statekeeper mcp} on stdin/stdout, or {@code /mcp} on {@code serve}. */
enum Transport {
    STDIO("stdio"),
    HTTP("http");

    private final String label;

    Transport(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    static Transport of(String label) {
        return Arrays.stream(values()).filter(t -> t.label.equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no transport '" + label + "' (stdio, http)"));
    }
}
