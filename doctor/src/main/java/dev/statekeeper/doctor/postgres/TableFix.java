package dev.statekeeper.doctor.postgres;

import dev.statekeeper.doctor.Fix;

import java.util.List;

/**
 * The fix of a finding about tables ({@code VACUUM} or {@code ANALYZE} of them): safe, and applied by
 * {@code doctor --fix}, for Statekeeper's own tables among them; for other applications' tables the operator's to
 * run. Neither changes a row nor takes a lock that stops reads or writes.
 */
final class TableFix {
    private TableFix() {
    }

    /** A table of the finding: its schema and name. */
    record Table(String schema, String name) {
        String qualified() {
            return PostgresCheck.qualified(schema, name);
        }
    }

    static Fix of(PostgresHandle handle, String verb, List<Table> tables, String undo) {
        List<String> ours = tables.stream().filter(t -> PostgresCheck.statekeepers(handle, t.schema(), t.name()))
                .map(Table::qualified).toList();
        if (!ours.isEmpty()) {
            return Fix.safe(verb + " " + String.join(", ", ours) + ";", undo);
        }
        return Fix.manual(verb + " " + String.join(", ", tables.stream().map(Table::qualified).toList()) + ";", undo);
    }
}
