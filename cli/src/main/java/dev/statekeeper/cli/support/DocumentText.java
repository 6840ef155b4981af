package dev.statekeeper.cli.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.statekeeper.core.internal.json.Json;

import java.io.PrintWriter;
import java.util.Set;

/** A document record (spec, roadmap, plan content) as Markdown-like sections, one per non-empty text field. */
public final class DocumentText {
    private static final Set<String> HEADER_FIELDS = Set.of("title", "status");

    private DocumentText() {
    }

    /** Each text field as {@code ## Heading} and its text; a map field's entries as sections of their own. */
    public static void sections(Record content, PrintWriter out) {
        JsonNode node = Json.mapper().valueToTree(content);
        node.properties().forEach(field -> {
            if (HEADER_FIELDS.contains(field.getKey())) {
                return;
            }
            if (field.getValue().isObject()) {
                field.getValue().properties().forEach(extra -> section(extra.getKey(), extra.getValue(), out));
            } else {
                section(Text.heading(field.getKey()), field.getValue(), out);
            }
        });
    }

    private static void section(String heading, JsonNode text, PrintWriter out) {
        if (text.isTextual() && !text.asText().isBlank()) {
            out.println();
            out.println("## " + heading);
            out.println(text.asText().stripTrailing());
        }
    }
}
