package dev.statekeeper.core.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The TOML text of the config file: parsed by jackson-dataformat-toml, and edited one line at a time so that
 * the operator's comments, order and blank lines survive {@code config set} and {@code unset}. Every edit is
 * parsed again and compared with the intended content; when a line edit cannot express the change (a value
 * spanning several lines, a key inside a table) the whole file is written anew from the intended content.
 */
final class TomlText {
    private static final TomlMapper MAPPER = new TomlMapper();

    private TomlText() {
    }

    /** The top-level table of the text; CONFIG_INVALID naming the file, line and column when it is not TOML. */
    static ObjectNode parse(String text, Path path) {
        try {
            JsonNode node = MAPPER.readTree(text);
            return node instanceof ObjectNode object ? object : MAPPER.createObjectNode();
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 1 ? ""
                    : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
            throw new StatekeeperException(ErrorCode.CONFIG_INVALID, "cannot parse config file " + path + ": " + where
                    + e.getOriginalMessage() + " (it must be TOML: KEY = \"value\" lines)", List.of(),
                    Map.of("file", path.toString()), null);
        }
    }

    /**
     * The 1-based line that first assigns the top-level key ({@code KEY = ...}, {@code KEY.sub = ...}) or
     * opens it as a table ({@code [KEY]}), or 0 when none does.
     */
    static int lineOf(String text, String key) {
        Pattern assignment = assignment(key);
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (assignment.matcher(lines[i]).lookingAt()) {
                return i + 1;
            }
        }
        return 0;
    }

    /** The text with {@code key} set to {@code value} (or removed when value is null), else unchanged. */
    static String edit(String text, ObjectNode tree, String key, JsonNode value, Path path) {
        ObjectNode intended = tree.deepCopy();
        if (value == null) {
            intended.remove(key);
        } else {
            intended.set(key, value);
        }
        String crlf = text.contains("\r\n") ? "\r" : "";
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (!lines.getLast().isEmpty()) {
            lines.add("");
        }
        int at = lineOf(text, key) - 1;
        if (value == null && at >= 0) {
            lines.remove(at);
        } else if (value != null) {
            String line = write(MAPPER.createObjectNode().set(key, value)).strip() + crlf;
            if (at >= 0) {
                lines.set(at, line);
            } else {
                lines.add(firstTableHeader(lines), line);
            }
        }
        String edited = String.join("\n", lines);
        return sameContent(edited, write(intended), path) ? edited : write(intended);
    }

    private static boolean sameContent(String edited, String intended, Path path) {
        try {
            return parse(edited, path).equals(parse(intended, path));
        } catch (StatekeeperException e) {
            return false;
        }
    }

    private static int firstTableHeader(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().startsWith("[")) {
                return i;
            }
        }
        return lines.size() - 1;
    }

    private static Pattern assignment(String key) {
        String quoted = Pattern.quote(key);
        String name = "(?:" + quoted + "|\"" + quoted + "\"|'" + quoted + "')[ \\t]*";
        return Pattern.compile("[ \\t]*(?:" + name + "[=.]|\\[\\[?[ \\t]*" + name + "[\\].])");
    }

    /** The TOML of a table; an empty one is "" (jackson-dataformat-toml 2.x writes the invalid " = {}"). */
    private static String write(ObjectNode node) {
        if (node.isEmpty()) {
            return "";
        }
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot write TOML: " + e.getOriginalMessage(), e);
        }
    }
}
