package dev.statekeeper.bench.mcp;

import dev.statekeeper.bench.Flags;

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
        return Flags.choice("transport", Transport.class, Transport::label, label);
    }
}
