package dev.statekeeper.cli.support;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Labelled values printed as an aligned block; a value's further lines are indented under the first. */
public final class KeyValues {
    private final List<String[]> rows = new ArrayList<>();

    public KeyValues add(String key, Object value) {
        rows.add(new String[] {key, value == null ? "-" : String.valueOf(value)});
        return this;
    }

    public void print(PrintWriter out) {
        int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0) + 2;
        String indent = " ".repeat(width);
        for (String[] row : rows) {
            String label = row[0] + " ".repeat(width - row[0].length());
            out.println((label + row[1].replace("\n", "\n" + indent)).stripTrailing());
        }
    }
}
