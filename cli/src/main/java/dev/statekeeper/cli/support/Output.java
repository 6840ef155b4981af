package dev.statekeeper.cli.support;

import dev.statekeeper.core.internal.json.Json;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** Prints a command's result: as JSON in --json mode, else as text for people. */
public final class Output {
    private final PrintWriter out;
    private final boolean json;

    public Output(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json;
    }

    /** The value as JSON (exact), or the text for people, with control characters escaped ({@link TerminalText}). */
    public void emit(Object value, Consumer<PrintWriter> text) {
        if (json) {
            out.println(Json.pretty(value));
        } else {
            TerminalText safe = TerminalText.of(out);
            text.accept(safe);
            safe.flush();
        }
    }

    /** @return whether this output is JSON (--json) */
    public boolean json() {
        return json;
    }

    /**
     * A writer for a command that prints as it goes (a follower): the raw stream in --json mode, else one that
     * escapes control characters as {@link #emit} does. Flush it after each piece.
     *
     * @return the writer
     */
    public PrintWriter writer() {
        return json ? out : TerminalText.of(out);
    }

    /** Sends what was printed so far, for a command that keeps running after it (a server). */
    public void flush() {
        out.flush();
    }

    public void emit(Object value, String line) {
        emit(value, w -> w.println(line));
    }

    /** A JSON object with its keys in the given order: {@code fields("id", id, "deleted", true)}. */
    public static Map<String, Object> fields(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
