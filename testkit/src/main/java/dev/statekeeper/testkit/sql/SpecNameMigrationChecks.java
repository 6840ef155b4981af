package dev.statekeeper.testkit.sql;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.domain.Spec;
import dev.statekeeper.core.domain.SpecQuery;
import org.junit.jupiter.api.Test;

import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database that versions before Unicode spec names wrote, opened by this one: its migration renames each spec
 * stored under its title's old name ("Über uns" as "ber-uns") to the name the title has now, revisions and loop
 * links with it, and leaves a spec its name when another spec already has the new one.
 */
public abstract class SpecNameMigrationChecks {
    /** A raw connection to a new database at the schema before Unicode spec names. */
    protected abstract Connection oldDatabase() throws Exception;

    /** The store on that database, which migrates it. */
    protected abstract StateStore openStore();

    /** The SQL literal of a time the database's timestamp columns take. */
    protected abstract String time();

    @Test
    void specsStoredUnderTheirOldNamesAreRenamedWithTheirRevisionsAndLinks() throws Exception {
        try (Connection raw = oldDatabase()) {
            spec(raw, "demo", "ber-uns", "Über uns");
            spec(raw, "demo", "le", "\uFB01le"); // the ligature fi was dropped; it is "file" now, which the next has
            spec(raw, "demo", "file", "File");
            spec(raw, "demo", "ber", "Ber");
            spec(raw, "other", "ber-uns", "Über uns");
            RawSql.execute(raw, "INSERT INTO loop_states (id, project_name, loop_type, status, current_score, iteration, "
                    + "created_at, updated_at) VALUES ('loop1', 'demo', 'spec', 'refine', 0, 1, " + time() + ", " + time() + ")");
            RawSql.execute(raw, "INSERT INTO loop_to_spec_mappings (loop_id, spec_id, linked_at) VALUES ('loop1', "
                    + "(SELECT id FROM technical_specs WHERE project_name = 'demo' AND spec_name = 'ber-uns'), " + time() + ")");
        }

        try (StateStore store = openStore()) {
            assertThat(store.listSpecs(SpecQuery.of("demo")).items()).extracting(Spec::name)
                    .containsExactly("über-uns", "le", "file", "ber");
            assertThat(store.listSpecs(SpecQuery.of("other")).items()).extracting(Spec::name).containsExactly("über-uns");
            assertThat(store.specForLoop("loop1").name()).isEqualTo("über-uns");
            assertThat(store.specHistory("demo", "Über uns")).extracting(Spec::name).containsExactly("über-uns");
            assertThat(store.getSpec("demo", "le").content().title()).isEqualTo("\uFB01le");
            assertThat(store.getSpec("demo", "\uFB01le").content().title()).as("the title's name now").isEqualTo("File");
        }
    }

    private void spec(Connection raw, String project, String name, String title) throws Exception {
        String content = "'{\"title\": \"" + title + "\"}'";
        RawSql.execute(raw, "INSERT INTO technical_specs (project_name, spec_name, spec_status, iteration, version, "
                + "content, created_at, updated_at) VALUES ('" + project + "', '" + name + "', 'draft', 0, 1, " + content
                + ", " + time() + ", " + time() + ")");
        RawSql.execute(raw, "INSERT INTO spec_revisions (spec_id, version, iteration, content, revised_at) VALUES ("
                + "(SELECT id FROM technical_specs WHERE project_name = '" + project + "' AND spec_name = '" + name
                + "'), 1, 0, " + content + ", " + time() + ")");
    }
}
