package dev.statekeeper.jdbc.sqlite;

import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Constraint failures that reach SQLite are input problems, not bugs: they never map to INTERNAL. */
class SqliteConstraintTranslationTest {
    private final SqliteErrorTranslator translator = new SqliteErrorTranslator(Path.of("/data/state.db"), Duration.ZERO);

    @Test
    void aBrokenCheckIsAValidationFailure() {
        StatekeeperException e = translator.translate("add feedback to loop 'x'",
                new SQLiteException("CHECK constraint failed: overall_score", SQLiteErrorCode.SQLITE_CONSTRAINT_CHECK));

        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(e).hasMessage("add feedback to loop 'x' failed on sqlite database '/data/state.db': "
                + "CHECK constraint failed: overall_score");
    }

    @Test
    void aBrokenUniqueOrPrimaryKeyIsADuplicate() {
        for (SQLiteErrorCode code : new SQLiteErrorCode[] {SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE,
                SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY}) {
            assertThat(translator.translate("create loop", new SQLiteException("duplicate", code)).code())
                    .isEqualTo(ErrorCode.DUPLICATE);
        }
        assertThat(translator.translate("create loop",
                new SQLiteException("foreign key", SQLiteErrorCode.SQLITE_CONSTRAINT_FOREIGNKEY)).code())
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
    }
}
