package dev.statekeeper.json.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.statekeeper.core.internal.json.Json;

import java.util.Arrays;

/**
 * The json store's file format as others may need it (the ops module verifies and repairs the file without
 * opening a store): its format name and version, and how a document is written, byte for byte: two-space
 * indent, {@code "key": value}, map keys sorted, a final newline.
 */
public final class JsonStoreFormat {
    /** The {@code "format"} field of every state file. */
    public static final String FORMAT = "statekeeper-json";
    /**
     * The {@code "version"} this build writes, and the newest it reads: 2, which keeps the change history
     * ({@code "history"}) with the records.
     */
    public static final int VERSION = 2;
    /** The oldest {@code "version"} this build reads: 1, the records without a history (read as an empty one). */
    public static final int OLDEST_VERSION = 1;

    private static final DefaultIndenter INDENT = new DefaultIndenter("  ", "\n");
    private static final ObjectWriter WRITER = Json.mapper().writer(new DefaultPrettyPrinter()
                    .withObjectIndenter(INDENT).withArrayIndenter(INDENT)
                    .withSeparators(Separators.createDefaultInstance()
                            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                            .withObjectEmptySeparator("").withArrayEmptySeparator("")))
            .with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private JsonStoreFormat() {
    }

    /**
     * @param version a file's {@code "version"}
     * @return whether this build reads files of that version
     */
    public static boolean reads(int version) {
        return version >= OLDEST_VERSION && version <= VERSION;
    }

    /** The document (a state document, or a JSON tree of one) as the store writes it. */
    public static byte[] write(Object document) throws JsonProcessingException {
        byte[] json = WRITER.writeValueAsBytes(document);
        byte[] withNewline = Arrays.copyOf(json, json.length + 1);
        withNewline[json.length] = '\n';
        return withNewline;
    }
}
