package dev.statekeeper.bench.mcp;

import dev.statekeeper.bench.Flags;

/** The tools a run calls: reading a loop, or appending one critic feedback entry to it. */
enum Tool {
    GET_LOOP_STATUS("get_loop_status"),
    STORE_CRITIC_FEEDBACK("store_critic_feedback");

    private final String toolName;

    Tool(String toolName) {
        this.toolName = toolName;
    }

    String toolName() {
        return toolName;
    }

    static Tool of(String name) {
        return Flags.choice("tool", Tool.class, Tool::toolName, name);
    }
}
