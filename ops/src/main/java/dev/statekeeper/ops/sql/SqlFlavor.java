package dev.statekeeper.ops.sql;

/**
 * Where SQLite's and PostgreSQL's SQL differ in the checks: JSON columns, the spec-name pattern, the catalog, and what
 * numbers the change history's events.
 */
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

        @Override
        String tableCount() {
            return "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?";
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

        @Override
        String tableCount() {
            return "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() "
                    + "AND table_name = ?";
        }
    };

    /**
     * Whether {@code event_sequence} numbers every write, so that one behind the newest event would give a number
     * again (PostgreSQL, whose writers run at once); else it only keeps the numbers of pruned events and writes number
     * after the greater of it and the newest event (SQLite, whose writers are serialized), so it may be behind.
     */
    boolean counterNumbersWrites() {
        return this == POSTGRES;
    }

    /** A condition that holds when the JSON column holds a value of {@code type} (object, array). */
    abstract String jsonOfType(String column, String type);

    /**
     * A condition that holds when the column can be a normalized spec name: 1-255 characters, and of ASCII only
     * a-z, 0-9 and '-' (letters of other scripts are kept).
     */
    abstract String specName(String column);

    /** A query with one parameter, a table's name: 1 when the store's schema has that table, else 0. */
    abstract String tableCount();
}
