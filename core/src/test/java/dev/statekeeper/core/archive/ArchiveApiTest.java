package dev.statekeeper.core.archive;

import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.error.Checks;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.memory.MemoryStateStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the javadoc of the archive API promises, where no import or backend test shows it already. */
class ArchiveApiTest {

    @Test
    void aLoadModeIsEitherNameInAnyCaseAndNothingElse() {
        assertThat(LoadMode.parse(" Merge ")).isEqualTo(LoadMode.MERGE);
        assertThat(LoadMode.parse("REPLACE")).isEqualTo(LoadMode.REPLACE);
        assertThat(LoadMode.MERGE.wire()).isEqualTo("merge");

        assertThatThrownBy(() -> LoadMode.parse("upsert"))
                .isInstanceOfSatisfying(StatekeeperException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED))
                .hasMessage("invalid mode: mode = 'upsert': must be replace or merge");
        assertThatThrownBy(() -> LoadMode.parse(null))
                .hasMessage("invalid mode: mode = (missing): must be replace or merge");
    }

    @Test
    void kindsComeInTheOrderAnExportWritesThem() {
        assertThat(RecordKind.order()).isEqualTo("loop, objective, spec, specLink, activeLoop, roadmap, plan, session, event, "
                + "eventSequence");
        assertThat(RecordKind.SPEC_LINK).hasToString("specLink");
    }

    @Test
    void aSpecLinkNamesItsSpecByTheSpecsKeyAndRecordsDescribeThemselves() {
        SpecRecord spec = new SpecRecord("demo", "auth", null, null);
        SpecLinkRecord link = new SpecLinkRecord("ab12cd34", "demo", "auth");

        assertThat(link.specKey()).isEqualTo(spec.key());
        assertThat(link.key()).isEqualTo("ab12cd34");
        assertThat(spec.describe()).isEqualTo("spec 'auth' of project 'demo'");
        assertThat(link.describe()).isEqualTo("spec link of loop 'ab12cd34'");
    }

    @Test
    void aMissingListStaysMissingForTheCheckToName() {
        SpecRecord spec = new SpecRecord("demo", "auth", null, null);
        Checks checks = Checks.of("record");

        spec.check(checks);

        assertThat(spec.revisions()).isNull();
        assertThat(checks.violations()).extracting(Object::toString).containsExactly(
                "createdAt = (missing): is required",
                "revisions = (missing): must hold at least the first version");
    }

    @Test
    void theLoaderItselfRefusesAKeyTheStoreHasWhenMergingAndWritesNothing() {
        MemoryStateStore store = new MemoryStateStore(Settings.defaults(), Clock.systemUTC());
        String id = store.createLoop(NewLoop.of("demo", LoopType.SPEC)).id();
        List<ArchiveRecord> before = new ArrayList<>();
        store.archive().export(before::add);

        ArchiveLoader loader = store.archive().loader(LoadMode.MERGE);
        loader.accept(before.getFirst());

        assertThatThrownBy(loader::finish)
                .isInstanceOfSatisfying(StatekeeperException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE))
                .hasMessage("cannot merge into the memory store: loop '" + id + "' appears twice");
        List<ArchiveRecord> after = new ArrayList<>();
        store.archive().export(after::add);
        assertThat(after).isEqualTo(before);
    }
}
