package dev.statekeeper.ops.sql;

/** Where SQLite's and PostgreSQL's SQL differ in the checks: JSON columns and the spec-name pattern. */
public enum SqlFlavor {
    SQLITE {
        @Override
        String jsonOfType(String column, String type) {
            // json_type fails on malformed JSON: only ask it of valid JSON (CASE evaluates lazily)
            return "CASE WHEN json_valid(" + column + ") THEN json_type(" + column + ") = '" + type + "' ELSE 0 END";
        }

        @Override
        String specName(String column) {
            return column + " NOT GLOB '*[ -,./:-`{-~]*' AND length(" + column + ") BETWEEN 1 AND 255";
        }
    },
    POSTGRES {
        @Override
        String jsonOfType(String column, String type) {
            return "jsonb_typeof(" + column + ") = '" + type + "'";
        }

        @Override
        String specName(String column) {
            return column + " !~ '[ -,./:-`{-~]' AND length(" + column + ") BETWEEN 1 AND 255";
        }
    };

    /** A condition that holds when the JSON column holds a value of {@code type} (object, array). */
    abstract String jsonOfType(String column, String type);

    /**
     * A condition that holds when the column can be a normalized spec name: 1-255 characters, and of ASCII only
     * a-z, 0-9 and '-' (letters of other scripts are kept).
     */
    abstract String specName(String column);
}
