package dev.statekeeper.testkit.contract;

import dev.statekeeper.core.archive.ArchiveLoader;
import dev.statekeeper.core.archive.LoadMode;
import dev.statekeeper.core.archive.SpecRecord;
import dev.statekeeper.core.internal.domain.Documents;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.domain.Page;
import dev.statekeeper.core.domain.Spec;
import dev.statekeeper.core.domain.SpecContent;
import dev.statekeeper.core.domain.SpecQuery;
import dev.statekeeper.core.domain.SpecStatus;
import dev.statekeeper.core.error.ErrorCode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.statekeeper.testkit.Fixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

/** Technical specs: frozen fields, revisions, listing, resolving partial names, links to loops. */
public abstract class SpecContract extends ContractBase {

    @Test
    void firstStoreNormalizesTheNameAndStartsAtIterationZeroVersionOne() {
        Spec spec = store.putSpec("demo", spec("  User Auth_Service!! "));

        assertThat(spec.name()).isEqualTo("user-auth-service");
        assertThat(spec.iteration()).isZero();
        assertThat(spec.version()).isEqualTo(1);
        assertThat(spec.content()).isEqualTo(spec("  User Auth_Service!! "));
        assertThat(store.getSpec("demo", "user-auth-service")).isEqualTo(spec);
        assertThat(store.getSpec("demo", "User Auth Service")).isEqualTo(spec);
    }

    @Test
    void namesKeepLettersAndDigitsOfEveryScriptInNfkcLowerCase() {
        Spec umlaut = store.putSpec("demo", spec("Über uns"));
        Spec kanji = store.putSpec("demo", spec("認証サービス"));
        Spec fullWidth = store.putSpec("demo", spec("Ａｕｔｈ　Ｓｅｒｖｉｃｅ"));
        Spec hindi = store.putSpec("demo", spec("हिन्दी पाठ"));

        assertThat(List.of(umlaut, kanji, fullWidth, hindi)).extracting(Spec::name)
                .containsExactly("über-uns", "認証サービス", "auth-service", "हिन्दी-पाठ");
        assertThat(store.getSpec("demo", "ÜBER UNS")).isEqualTo(umlaut);
        assertThat(store.getSpec("demo", "auth service")).isEqualTo(fullWidth);
        assertThat(store.resolveSpec("demo", "認証").name()).isEqualTo("認証サービス");
        assertThat(store.resolveSpec("demo", "uber uns").name()).as("fuzzy").isEqualTo("über-uns");
        assertThat(store.resolveSpec("demo", "हिन्दी").name()).isEqualTo("हिन्दी-पाठ");
        assertThat(store.updateSpec("demo", "über-uns", SpecContent.titled("ÜBER UNS"), null).version()).isEqualTo(2);
    }

    @Test
    void aSpecStoredUnderTheNameOfAnEarlierVersionIsFoundByItsNameAndTitle() {
        Instant at = Instant.parse("2025-01-01T00:00:00Z");
        ArchiveLoader loader = store.archive().loader(LoadMode.REPLACE); // as an old export or an unmigrated store has it
        loader.accept(new SpecRecord("demo", "ber-uns", at, List.of(new SpecRecord.Revision(1, 0, at,
                Documents.withDefaults(spec("Über uns"), SpecContent.class, SpecStatus.DRAFT)))));
        loader.finish();

        assertThat(store.getSpec("demo", "Über uns").name()).isEqualTo("ber-uns");
        assertThat(store.getSpec("demo", "ber-uns").name()).isEqualTo("ber-uns");
        assertThat(store.resolveSpec("demo", "über uns").name()).isEqualTo("ber-uns");
        assertThat(store.putSpec("demo", spec("Über uns")).version()).as("an update, not a second spec").isEqualTo(2);
        assertThat(store.updateSpec("demo", "über uns", SpecContent.titled("Über uns"), null).version()).isEqualTo(3);
        assertThat(store.putSpec("demo", spec("Ber")).name()).isEqualTo("ber");
        failure(ErrorCode.SPEC_NOT_FOUND, "spec 'über' of project 'demo' not found", () -> store.getSpec("demo", "über"));
        assertThat(store.listSpecs(SpecQuery.of("demo")).items()).extracting(Spec::name).containsExactly("ber-uns", "ber");

        store.deleteSpec("demo", "Über uns");

        assertThat(store.listSpecs(SpecQuery.of("demo")).items()).extracting(Spec::name).containsExactly("ber");
    }

    @Test
    void missingFieldsAreStoredEmptyAndStatusDraft() {
        Spec spec = store.putSpec("demo", SpecContent.titled("Bare"));

        assertThat(spec.content().status()).isEqualTo(SpecStatus.DRAFT);
        assertThat(spec.content().objectives()).isEmpty();
        assertThat(spec.content().additionalSections()).isEmpty();
    }

    @Test
    void validatesTitleAndProject() {
        failure(ErrorCode.VALIDATION_FAILED, "invalid spec (2 problems): project = '': is required; title = (missing): is required",
                () -> store.putSpec("", SpecContent.titled(null)));
        failure(ErrorCode.VALIDATION_FAILED, "invalid spec: title = '!!!': must contain a letter or digit",
                () -> store.putSpec("demo", SpecContent.titled("!!!")));
        failure(ErrorCode.VALIDATION_FAILED, "invalid spec: title = '" + "\uFDFA".repeat(20) + "': makes a name of 360 "
                + "characters (at most 255)", () -> store.putSpec("demo", SpecContent.titled("\uFDFA".repeat(20))));
        assertThat(store.info().counts()).containsEntry("specs", 0L);
    }

    @Test
    void updatesKeepFrozenFieldsAndAdvanceIterationAndVersion() {
        store.putSpec("demo", spec("Auth"));
        SpecContent change = new SpecContent(null, SpecStatus.IN_REVIEW, null, null, null, null, "new architecture",
                null, null, null, null, null, null, null, null, null);

        Spec updated = store.updateSpec("demo", "auth", change, null);

        assertThat(updated.iteration()).isEqualTo(1);
        assertThat(updated.version()).isEqualTo(2);
        assertThat(updated.content().architecture()).isEqualTo("new architecture");
        assertThat(updated.content().status()).isEqualTo(SpecStatus.IN_REVIEW);
        assertThat(updated.content().objectives()).isEqualTo("objectives of Auth");
        assertThat(updated.content().technologyStack()).isEqualTo("java 21");
        assertThat(store.getSpec("demo", "auth")).isEqualTo(updated);
    }

    @Test
    void putOnAnExistingSpecIsAnUpdateThatMayRepeatFrozenFieldsUnchanged() {
        store.putSpec("demo", spec("Auth"));

        Spec again = store.putSpec("demo", spec("Auth"));

        assertThat(again.version()).isEqualTo(2);
        assertThat(again.iteration()).isEqualTo(1);
    }

    @Test
    void changingFrozenFieldsIsRefusedNamingEachField() {
        store.putSpec("demo", spec("Auth"));
        SpecContent change = new SpecContent(null, null, "other objectives", "other scope", "deps", null, "arch",
                null, null, null, null, null, null, null, null, null);

        failure(ErrorCode.FROZEN_FIELD, "invalid spec update (2 problems): "
                        + "objectives = 'other objectives': is frozen after the first version and cannot change; "
                        + "scope = 'other scope': is frozen after the first version and cannot change",
                () -> store.updateSpec("demo", "auth", change, null));
        assertThat(store.getSpec("demo", "auth").version()).isEqualTo(1);
        assertThat(store.specHistory("demo", "auth")).hasSize(1);
    }

    @Test
    void anUpdateCannotRenameTheSpec() {
        store.putSpec("demo", spec("Auth"));

        failure(ErrorCode.VALIDATION_FAILED,
                "invalid spec update: title = 'Billing': must keep the name 'auth' (it normalizes to 'billing')",
                () -> store.updateSpec("demo", "auth", SpecContent.titled("Billing"), null));
    }

    @Test
    void updatingAnUnknownSpecOrAStaleVersionIsRefused() {
        failure(ErrorCode.SPEC_NOT_FOUND, "spec 'auth' of project 'demo' not found",
                () -> store.updateSpec("demo", "Auth", SpecContent.titled("Auth"), null));
        store.putSpec("demo", spec("Auth"));
        store.updateSpec("demo", "auth", SpecContent.titled("Auth"), 1L);

        failure(ErrorCode.STALE_VERSION, "spec 'auth' of project 'demo' is at version 2, not 1",
                () -> store.updateSpec("demo", "auth", SpecContent.titled("Auth"), 1L));
    }

    @Test
    void keepsEveryRevisionOldestFirst() {
        store.putSpec("demo", spec("Auth"));
        store.updateSpec("demo", "auth", withArchitecture("v2"), null);
        store.updateSpec("demo", "auth", withArchitecture("v3"), null);

        List<Spec> history = store.specHistory("demo", "auth");

        assertThat(history).extracting(Spec::version).containsExactly(1L, 2L, 3L);
        assertThat(history).extracting(Spec::iteration).containsExactly(0, 1, 2);
        assertThat(history).extracting(s -> s.content().architecture()).containsExactly("architecture", "v2", "v3");
        assertThat(history.getLast()).isEqualTo(store.getSpec("demo", "auth"));
        assertThat(store.info().counts()).containsEntry("specs", 1L).containsEntry("specRevisions", 3L);
    }

    @Test
    void listsAProjectsSpecsInCreationOrderWithStatusFilterAndPaging() {
        store.putSpec("demo", spec("Zeta"));
        store.putSpec("demo", spec("Alpha"));
        store.putSpec("other", spec("Beta"));
        store.updateSpec("demo", "alpha", new SpecContent(null, SpecStatus.APPROVED, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null), null);

        assertThat(names(store.listSpecs(SpecQuery.of("demo")))).containsExactly("zeta", "alpha");
        assertThat(names(store.listSpecs(SpecQuery.of("demo").status(SpecStatus.APPROVED)))).containsExactly("alpha");
        Page<Spec> page = store.listSpecs(SpecQuery.of("demo").page(1, 1));
        assertThat(names(page)).containsExactly("alpha");
        assertThat(page.total()).isEqualTo(2);
        assertThat(store.listSpecs(SpecQuery.of("nobody")).items()).isEmpty();
    }

    @Test
    void resolvesExactThenPrefixThenSubstringThenFuzzy() {
        for (String title : List.of("User Authentication", "User Auth", "Billing Service", "Notification Pipeline")) {
            store.putSpec("demo", spec(title));
        }

        assertThat(store.resolveSpec("demo", "User Auth").name()).isEqualTo("user-auth");
        assertThat(store.resolveSpec("demo", "bill").name()).isEqualTo("billing-service");
        assertThat(store.resolveSpec("demo", "pipeline").name()).isEqualTo("notification-pipeline");
        assertThat(store.resolveSpec("demo", "notifcation pipline").name()).isEqualTo("notification-pipeline");
    }

    @Test
    void resolvingIsRefusedWhenAmbiguousOrUnmatched() {
        store.putSpec("demo", spec("User Authentication"));
        store.putSpec("demo", spec("User Authorization"));

        var e = failure(ErrorCode.AMBIGUOUS_NAME,
                "'user-auth' is ambiguous in project 'demo': 2 specs match by prefix: user-authorization, user-authentication",
                () -> store.resolveSpec("demo", "user-auth"));
        assertThat(e.details()).containsEntry("match", "prefix");
        failure(ErrorCode.SPEC_NOT_FOUND,
                "no spec of project 'demo' matches 'kubernetes' (tried exact, prefix, substring and fuzzy)",
                () -> store.resolveSpec("demo", "kubernetes"));
        failure(ErrorCode.VALIDATION_FAILED, "invalid spec name: name = '--': must contain a letter or digit",
                () -> store.resolveSpec("demo", "--"));
    }

    @Test
    void deleteRemovesTheSpecItsRevisionsAndItsLinks() {
        Loop loop = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
        store.putSpec("demo", spec("Auth"));
        store.updateSpec("demo", "auth", withArchitecture("v2"), null);
        store.linkLoop(loop.id(), "demo", "auth");

        store.deleteSpec("demo", "Auth");

        failure(ErrorCode.SPEC_NOT_FOUND, "spec 'auth' of project 'demo' not found", () -> store.getSpec("demo", "auth"));
        failure(ErrorCode.SPEC_NOT_FOUND, "spec 'auth' of project 'demo' not found", () -> store.specHistory("demo", "auth"));
        failure(ErrorCode.LINK_NOT_FOUND, "spec link of loop '" + loop.id() + "' not found", () -> store.specForLoop(loop.id()));
        assertThat(store.info().counts()).containsEntry("specs", 0L).containsEntry("specRevisions", 0L);
        failure(ErrorCode.SPEC_NOT_FOUND, "spec 'auth' of project 'demo' not found", () -> store.deleteSpec("demo", "auth"));
    }

    @Test
    void linksALoopToOneSpecAtATime() {
        Loop loop = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
        store.putSpec("demo", spec("Auth"));
        store.putSpec("demo", spec("Billing"));
        failure(ErrorCode.LINK_NOT_FOUND, "spec link of loop '" + loop.id() + "' not found", () -> store.specForLoop(loop.id()));

        store.linkLoop(loop.id(), "demo", "Auth");
        assertThat(store.specForLoop(loop.id()).name()).isEqualTo("auth");
        store.linkLoop(loop.id(), "demo", "billing");
        assertThat(store.specForLoop(loop.id()).name()).isEqualTo("billing");

        store.unlinkLoop(loop.id());
        failure(ErrorCode.LINK_NOT_FOUND, "spec link of loop '" + loop.id() + "' not found", () -> store.specForLoop(loop.id()));
        store.unlinkLoop(loop.id());
    }

    @Test
    void linkingNeedsAnExistingLoopAndSpec() {
        Loop loop = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
        store.putSpec("demo", spec("Auth"));

        failure(ErrorCode.LOOP_NOT_FOUND, "loop 'nope1234' not found", () -> store.linkLoop("nope1234", "demo", "auth"));
        failure(ErrorCode.SPEC_NOT_FOUND, "spec 'billing' of project 'demo' not found",
                () -> store.linkLoop(loop.id(), "demo", "billing"));
        failure(ErrorCode.LOOP_NOT_FOUND, "loop 'nope1234' not found", () -> store.specForLoop("nope1234"));
        failure(ErrorCode.LOOP_NOT_FOUND, "loop 'nope1234' not found", () -> store.unlinkLoop("nope1234"));
    }

    @Test
    void additionalSectionsRoundTrip() {
        SpecContent content = new SpecContent("Sections", null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, Map.of("glossary", "terms", "faq", "answers"));

        assertThat(store.putSpec("demo", content).content().additionalSections())
                .containsExactlyInAnyOrderEntriesOf(Map.of("glossary", "terms", "faq", "answers"));
    }

    private static SpecContent withArchitecture(String architecture) {
        return new SpecContent(null, null, null, null, null, null, architecture, null, null, null, null, null, null, null,
                null, null);
    }

    private static List<String> names(Page<Spec> page) {
        return page.items().stream().map(Spec::name).toList();
    }
}
