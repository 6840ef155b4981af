package dev.statekeeper.jdbc.postgres;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.util.PGobject;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Rows streamed into a table with {@code COPY ... FROM STDIN} in PostgreSQL's text format, as a load writes them:
 * the server parses no INSERT and plans nothing per row, while every constraint, index and trigger of the table
 * applies as to an insert. The text is sent in chunks of about {@value #CHUNK} characters, so the rows' text never
 * exists whole in memory. A failure (a constraint the rows break, a lost connection) ends the COPY and fails the
 * transaction with the server's error, as an INSERT's would.
 */
final class CopyRows {
    private static final int CHUNK = 64 * 1024;

    private CopyRows() {
    }

    /** Copies the rows, each holding the values of {@code columns} in order, as {@link PostgresDialect} binds them. */
    static void copy(Connection c, String table, List<String> columns, List<Object[]> rows) throws SQLException {
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN");
        try {
            StringBuilder text = new StringBuilder(CHUNK + 1024);
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    if (i > 0) {
                        text.append('\t');
                    }
                    value(text, row[i]);
                }
                text.append('\n');
                if (text.length() >= CHUNK) {
                    send(in, text);
                }
            }
            send(in, text);
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    private static void send(CopyIn in, StringBuilder text) throws SQLException {
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        in.writeToCopy(bytes, 0, bytes.length);
        text.setLength(0);
    }

    /** One value in COPY's text form: {@code \N} for null, text with its backslashes and line breaks escaped. */
    static void value(StringBuilder text, Object value) {
        switch (value) {
            case null -> text.append("\\N");
            case String s -> escape(text, s);
            case PGobject o -> {
                if (o.getValue() == null) {
                    text.append("\\N");
                } else {
                    escape(text, o.getValue());
                }
            }
            case OffsetDateTime t -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.formatTo(t, text);
            case Number n -> text.append(n);
            case Boolean b -> text.append(b);
            default -> throw new IllegalArgumentException("no COPY text form for a " + value.getClass().getName());
        }
    }

    private static void escape(StringBuilder text, String s) {
        if (s.indexOf('\\') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0 && s.indexOf('\t') < 0) {
            text.append(s); // the common case, found by four vectorized scans instead of a switch per character
            return;
        }
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            String escaped = switch (s.charAt(i)) {
                case '\\' -> "\\\\";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default -> null;
            };
            if (escaped != null) {
                text.append(s, from, i).append(escaped);
                from = i + 1;
            }
        }
        text.append(s, from, s.length());
    }
}
