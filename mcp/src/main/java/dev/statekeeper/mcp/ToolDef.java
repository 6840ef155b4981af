package dev.statekeeper.mcp;

import com.fasterxml.jackson.databind.JavaType;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.domain.Page;
import dev.statekeeper.core.domain.ProjectPlan;
import dev.statekeeper.core.domain.Roadmap;
import dev.statekeeper.core.domain.Spec;
import dev.statekeeper.core.internal.json.Json;

import java.util.function.BiFunction;

/**
 * One MCP tool: its name, what it does, the record its arguments are read into (whose components, with
 * their {@link Arg} descriptions, make the input schema), the type of its result (which makes the output schema),
 * what it does to the store, and the call itself. The call's result is the tool's structured content and, as text,
 * the same JSON as the CLI's {@code --json}.
 */
record ToolDef<A extends Record>(String name, String description, Class<A> arguments, JavaType result, Effect effect,
                                 BiFunction<StateStore, A, Object> call) {

    /**
     * What a call does to the store, for the tool's annotations (MCP's readOnlyHint, destructiveHint,
     * idempotentHint). Destructive: a call can lose stored data for good (no revision keeps it). Idempotent: a
     * second call with the same arguments leaves the store as the first left it.
     */
    enum Effect {
        /** Changes nothing. */
        READ(true, false, true),
        /** Adds (a loop, a feedback entry, a spec revision, a session): a second call adds again. */
        WRITE(false, false, false),
        /** Overwrites a document in place, keeping no earlier version, and counts its version up. */
        OVERWRITE(false, true, false),
        /** Replaces a value in place (keeping no earlier one); a second call changes nothing more. */
        REPLACE(false, true, true),
        /** Removes; a second call removes nothing more. */
        DELETE(false, true, true);

        final boolean readOnly;
        final boolean destructive;
        final boolean idempotent;

        Effect(boolean readOnly, boolean destructive, boolean idempotent) {
            this.readOnly = readOnly;
            this.destructive = destructive;
            this.idempotent = idempotent;
        }
    }

    static JavaType type(Class<?> type) {
        return Json.mapper().constructType(type);
    }

    static JavaType page(Class<?> item) {
        return Json.mapper().getTypeFactory().constructParametricType(Page.class, item);
    }

    static JavaType listing(Class<?> item) {
        return Json.mapper().getTypeFactory().constructParametricType(Listing.class, item);
    }

    static <A extends Record> ToolDef<A> reads(String name, Class<A> arguments, JavaType result, String description,
                                               BiFunction<StateStore, A, Object> call) {
        return new ToolDef<>(name, description, arguments, result, Effect.READ, call);
    }

    static <A extends Record> ToolDef<A> writes(String name, Class<A> arguments, JavaType result, String description,
                                                BiFunction<StateStore, A, Object> call) {
        return new ToolDef<>(name, description, arguments, result, Effect.WRITE, call);
    }

    static <A extends Record> ToolDef<A> overwrites(String name, Class<A> arguments, JavaType result,
                                                    String description, BiFunction<StateStore, A, Object> call) {
        return new ToolDef<>(name, description, arguments, result, Effect.OVERWRITE, call);
    }

    static <A extends Record> ToolDef<A> replaces(String name, Class<A> arguments, JavaType result,
                                                  String description, BiFunction<StateStore, A, Object> call) {
        return new ToolDef<>(name, description, arguments, result, Effect.REPLACE, call);
    }

    static <A extends Record> ToolDef<A> deletes(String name, Class<A> arguments, JavaType result, String description,
                                                 BiFunction<StateStore, A, Object> call) {
        return new ToolDef<>(name, description, arguments, result, Effect.DELETE, call);
    }

    /** Whether the result holds documents (specs, roadmaps, plans), whose empty fields the result omits. */
    boolean documents() {
        JavaType type = result.getRawClass() == Listing.class ? result.containedType(0) : result;
        Class<?> raw = type.getRawClass();
        return raw == Spec.class || raw == Roadmap.class || raw == ProjectPlan.class;
    }

    /** The tool's title for people: its name as words, capitalized ({@code get_loop_status}: Get loop status). */
    String title() {
        String words = name.replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
