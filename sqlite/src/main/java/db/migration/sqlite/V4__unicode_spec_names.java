package db.migration.sqlite;

import dev.statekeeper.jdbc.internal.Sql;
import dev.statekeeper.jdbc.internal.store.SpecNameMigration;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;

/**
 * Spec names keep letters and digits of every script ("über", "認証サービス"): V1's CHECK allowed only a-z, 0-9
 * and '-'. SQLite cannot alter a CHECK, so the table's definition is edited in place, the way SQLite's
 * documentation gives for loosening a constraint (ALTER TABLE, "making other kinds of table schema changes"):
 * every stored row meets the new CHECK, which still refuses ASCII other than a-z, 0-9 and '-'. Then the specs
 * stored under their old names are renamed ({@link SpecNameMigration}).
 */
public class V4__unicode_spec_names extends BaseJavaMigration {
    static final String OLD_CHECK = "spec_name NOT GLOB '*[^a-z0-9-]*'";
    static final String NEW_CHECK = "spec_name NOT GLOB '*[ -,./:-`{-~]*'";

    /**
     * Flyway gives a Java migration no checksum; a fixed one lets 'statekeeper db migrate status' show and compare it
     * like a script's. Like a script, an applied migration is never edited: a new meaning is a new migration.
     */
    @Override
    public Integer getChecksum() {
        return 20_261_202;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        if (Sql.number(c, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'technical_specs' "
                + "AND instr(sql, ?) > 0", OLD_CHECK) != 1) {
            throw new IllegalStateException("technical_specs does not have V1's CHECK on spec_name (" + OLD_CHECK + ")");
        }
        long schemaVersion = Sql.number(c, "PRAGMA schema_version");
        Sql.execute(c, "PRAGMA writable_schema = ON");
        Sql.update(c, "UPDATE sqlite_schema SET sql = replace(sql, ?, ?) WHERE type = 'table' AND name = 'technical_specs'",
                OLD_CHECK, NEW_CHECK);
        Sql.execute(c, "PRAGMA schema_version = " + (schemaVersion + 1)); // other connections read the schema again
        Sql.execute(c, "PRAGMA writable_schema = OFF");
        SpecNameMigration.run(c, "json_extract(content, '$.title')");
        Sql.execute(c, "PRAGMA user_version = 4");
    }
}
