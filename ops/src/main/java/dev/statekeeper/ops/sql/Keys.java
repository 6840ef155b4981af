package dev.statekeeper.ops.sql;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** How findings show keys and values: texts quoted SQL-style ({@code 'it''s'}), numbers bare, long values cut. */
final class Keys {
    private static final int LONGEST_VALUE = 60;

    private Keys() {
    }

    static String quote(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof Number) {
            return value.toString();
        }
        String text = value.toString();
        if (text.length() > LONGEST_VALUE) {
            text = text.substring(0, LONGEST_VALUE) + "...";
        }
        return "'" + text.replace("'", "''") + "'";
    }

    /** {@code critic_feedback loop_id='x' seq=3}. */
    static String where(String table, List<String> columns, List<Object> values) {
        return table + " " + pairs(columns, values, " ");
    }

    /** {@code loop_id = 'x' AND seq = 3}, for an UPDATE a fix suggests. */
    static String condition(List<String> columns, List<Object> values) {
        return IntStream.range(0, columns.size()).mapToObj(i -> columns.get(i) + " = " + quote(values.get(i)))
                .collect(Collectors.joining(" AND "));
    }

    private static String pairs(List<String> columns, List<Object> values, String separator) {
        return IntStream.range(0, columns.size()).mapToObj(i -> columns.get(i) + "=" + quote(values.get(i)))
                .collect(Collectors.joining(separator));
    }

    static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
