package dev.statekeeper.core.events;

import dev.statekeeper.core.domain.WireEnum;

/** The interface a write came through, as its event records it (JSON key {@code via}). */
public enum Via implements WireEnum {
    /** The Java API, called by an embedding application. */
    JAVA("java"),
    /** The {@code statekeeper} command line. */
    CLI("cli"),
    /** The HTTP API of {@code statekeeper serve}. */
    HTTP("http"),
    /** The MCP server, over stdio or HTTP. */
    MCP("mcp");

    private final String wire;

    Via(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
