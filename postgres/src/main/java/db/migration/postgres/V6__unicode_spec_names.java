package db.migration.postgres;

import dev.statekeeper.jdbc.internal.Sql;
import dev.statekeeper.jdbc.internal.store.SpecNameMigration;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;

/**
 * Spec names keep letters and digits of every script ("über", "認証サービス"): V1's CHECK allowed only a-z, 0-9
 * and '-'; the new one still refuses ASCII other than those. Then the specs stored under their old names are
 * renamed ({@link SpecNameMigration}).
 */
public class V6__unicode_spec_names extends BaseJavaMigration {
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
        Sql.execute(c, "ALTER TABLE technical_specs DROP CONSTRAINT technical_specs_spec_name_check, "
                + "ADD CONSTRAINT technical_specs_spec_name_check "
                + "CHECK (length(spec_name) >= 1 AND spec_name !~ '[ -,./:-`{-~]')");
        SpecNameMigration.run(c, "content->>'title'");
    }
}
