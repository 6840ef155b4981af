package dev.statekeeper.mcp;

import dev.statekeeper.core.api.StateStore;

import java.util.function.BiFunction;

/**
 * One MCP tool: its name, what it does, the record its arguments are read into (whose components, with
 * their {@link Arg} descriptions, make the input schema), what it does to the store, and the call itself.
 * The call's result is printed as JSON, the same JSON as the CLI's {@code --json}.
 */
record ToolDef<A extends Record>(String name, String description, Class<A> arguments, Effect effect,
                                 BiFunction<StateStore, A, Object> call) {

    /** What a call does to the store, for the tool's annotations (read-only, destructive, idempotent). */
    enum Effect { READ, WRITE, DELETE }

    static <A extends Record> ToolDef<A> reads(String name, Class<A> arguments, String description,
                                               BiFunction<StateStore, A, Object> call) {
        return new ToolDef<>(name, description, arguments, Effect.READ, call);
    }

    static <A extends Record> ToolDef<A> writes(String name, Class<A> arguments, String description,
                                                BiFunction<StateStore, A, Object> call) {
        return new ToolDef<>(name, description, arguments, Effect.WRITE, call);
    }

    static <A extends Record> ToolDef<A> deletes(String name, Class<A> arguments, String description,
                                                 BiFunction<StateStore, A, Object> call) {
        return new ToolDef<>(name, description, arguments, Effect.DELETE, call);
    }
}
