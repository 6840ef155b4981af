package dev.statekeeper.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.math.BigDecimal;

/**
 * Setting values to and from TOML: a file may hold {@code DATABASE_POOL_MAX_SIZE = 30} or {@code = "30"};
 * both read as the text "30" that the environment would give. {@code config set} writes numbers as TOML
 * numbers, true/false as booleans and the rest as strings.
 */
final class TomlValues {
    private TomlValues() {
    }

    /** The value as setting text, or null when it is not a single value (an array or a table). */
    static String text(JsonNode node) {
        if (node.isTextual() || node.isBoolean()) {
            return node.asText();
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        if (node.isNumber()) {
            return node.isDouble() && !Double.isFinite(node.doubleValue()) ? node.asText()
                    : node.decimalValue().toPlainString();
        }
        return null;
    }

    /** What a value that is not a single one is, for the error message: "an array" or "a table". */
    static String shape(JsonNode node) {
        return node.isArray() ? "an array" : "a table";
    }

    /** A valid value of the setting as the TOML value {@code config set} writes. */
    static JsonNode node(Setting setting, String value) {
        String trimmed = value.trim();
        return switch (setting.kind()) {
            case Setting.Kind.IntRange integer -> LongNode.valueOf(Long.parseLong(trimmed));
            case Setting.Kind.Seconds seconds -> DecimalNode.valueOf(new BigDecimal(trimmed));
            case Setting.Kind.Bool bool -> BooleanNode.valueOf(bool.parse(value));
            case Setting.Kind.Choice choice -> TextNode.valueOf(choice.parse(value));
            case Setting.Kind.BackendName backend -> TextNode.valueOf(backend.parse(value));
            default -> TextNode.valueOf(value);
        };
    }
}
