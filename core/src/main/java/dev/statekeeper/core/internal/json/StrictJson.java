package dev.statekeeper.core.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Reads JSON that comes from outside (a CLI document, an HTTP body, an MCP message) so that no value is changed on
 * the way in: the bytes must be well-formed UTF-8 (an overlong {@code C0 AF} is refused, not read as {@code /}),
 * strings must be valid Unicode (a lone surrogate such as {@code \ud800} is refused, not stored as {@code ?}) and
 * must not hold NUL (PostgreSQL cannot store it), numbers must fit a double, keys must not repeat, and nesting is
 * limited to {@link #MAX_DEPTH}. Every refusal is a {@link JsonInputException} whose message names the place (line
 * and column, or the field's path) in plain words, without the parser's internals.
 */
public final class StrictJson {
    /** The deepest nesting accepted: far more than any Statekeeper document needs. */
    public static final int MAX_DEPTH = 64;

    private static final ObjectReader READER;
    private static final java.util.regex.Pattern CONTROL = java.util.regex.Pattern.compile("\\(\\(CTRL-CHAR, code (\\d+)\\)\\)");

    static {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        READER = Json.configure(JsonMapper.builder(factory)).build().reader();
    }

    private StrictJson() {
    }

    /** The bytes as JSON: strict UTF-8 first, then {@link #read(String)}. */
    public static JsonNode read(byte[] bytes) throws JsonInputException {
        return read(utf8(bytes));
    }

    /** The text as one JSON value (null when it is empty or blank), checked as the class says. */
    public static JsonNode read(String text) throws JsonInputException {
        JsonNode node = parse(text);
        if (node != null) {
            checkValues(node);
        }
        return node;
    }

    /**
     * Only the syntax: one JSON value (null when the text is empty or blank), no repeated keys, at most
     * {@link #MAX_DEPTH} deep. For a reader that must look at a few fields (a JSON-RPC id) before it words a
     * refusal of the values; it then calls {@link #checkValues}.
     */
    public static JsonNode parse(String text) throws JsonInputException {
        JsonNode node;
        try {
            node = READER.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (StreamConstraintsException e) {
            throw malformed(e, "nested deeper than " + MAX_DEPTH + " levels");
        } catch (JsonParseException e) {
            throw malformed(e, plain(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw malformed(e, "more content after the JSON value");
        }
        return node == null || node.isMissingNode() ? null : node;
    }

    /** Every key and string of the tree is valid Unicode without NUL, and every number is finite. */
    public static void checkValues(JsonNode node) throws JsonInputException {
        JsonTextCheck.check(node);
    }

    /** The bytes decoded as UTF-8, refusing malformed, overlong and truncated sequences and encoded surrogates. */
    public static String utf8(byte[] bytes) throws JsonInputException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            return decoder.decode(in).toString();
        } catch (MalformedInputException e) {
            int at = in.position();
            throw new JsonInputException("not valid UTF-8: byte 0x" + hex(bytes[at]) + " at offset " + at
                    + " does not start or continue a well-formed character", "(document)", Map.of("offset", at));
        } catch (CharacterCodingException e) {
            throw new JsonInputException("not valid UTF-8", "(document)", Map.of());
        }
    }

    private static JsonInputException malformed(JsonProcessingException e, String problem) {
        JsonLocation at = e.getLocation();
        if (at == null || at.getLineNr() < 1) {
            return new JsonInputException("malformed JSON: " + problem, "(document)", Map.of());
        }
        String where = " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return new JsonInputException("malformed JSON" + where + ": " + problem, "(document)",
                Map.of("line", at.getLineNr(), "column", at.getColumnNr()));
    }

    /**
     * Jackson's message without what a user cannot act on: advice to turn on its features ("consider enabling
     * JsonReadFeature...") and source locations ("[Source: REDACTED ...]"), cut at the clause that brings them in;
     * character codes and control characters escaped.
     */
    static String plain(String message) {
        String text = message == null ? "not JSON" : message;
        int internal = indexOfAny(text, "Feature", "[Source", "start marker at", "for example by");
        if (internal >= 0) {
            String head = text.substring(0, internal);
            int clause = Math.max(Math.max(head.lastIndexOf(" ("), head.lastIndexOf(": ")), head.lastIndexOf("; "));
            text = clause > 0 ? text.substring(0, clause) : head.strip();
        }
        java.util.regex.Matcher control = CONTROL.matcher(text);
        if (control.find()) {
            text = control.replaceAll(String.format("(the control character \\\\u%04x)", Integer.parseInt(control.group(1))));
        }
        text = JsonProblem.printable(text.replaceAll(" \\(code \\d+\\)", "").replace("`", "'"));
        return text.length() > 200 ? text.substring(0, 197) + "..." : text;
    }

    private static int indexOfAny(String text, String... needles) {
        int first = -1;
        for (String needle : needles) {
            int at = text.indexOf(needle);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        return first;
    }

    private static String hex(byte b) {
        return String.format("%02X", b & 0xFF);
    }
}
