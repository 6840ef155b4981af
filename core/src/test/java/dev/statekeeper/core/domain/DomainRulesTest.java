package dev.statekeeper.core.domain;

import dev.statekeeper.core.internal.domain.Retention;
import dev.statekeeper.core.internal.domain.SpecRenames;
import dev.statekeeper.core.internal.domain.Trigrams;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.json.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DomainRulesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "User Auth_Service!!|user-auth-service",
            "  --Hello   World--  |hello-world",
            "API v2 — Gateway|api-v2-gateway",
            "already-normal|already-normal",
            "!!!|''",
            "Über uns|über-uns",
            "認証サービス|認証サービス",
            "Ａｕｔｈ|auth",
            "ＡＰＩ　Ｇａｔｅｗａｙ|api-gateway",
            "ﬁle Store|file-store",
            "Straße x²|straße-x2",
            "ΟΔΟΣ Ελλάδα|οδος-ελλάδα",
            "हिन्दी पाठ|हिन्दी-पाठ",
            "Café Crème|café-crème",
            "İstanbul|i̇stanbul",
            "٣ أرقام|٣-أرقام"})
    void normalizesSpecTitles(String title, String name) {
        assertThat(SpecName.normalize(title)).isEqualTo(name);
    }

    @Test
    void aNormalizedNameNormalizesToItselfWhateverTheCharacter() {
        // segments of a-z, 0-9 and anything beyond ASCII, joined by single '-'
        java.util.regex.Pattern wellFormed = java.util.regex.Pattern.compile(
                "(?:[a-z0-9]|[^\\x00-\\x7f])+(?:-(?:[a-z0-9]|[^\\x00-\\x7f])+)*");
        List<String> broken = new java.util.ArrayList<>();
        for (int cp = 1; cp <= Character.MAX_CODE_POINT; cp = cp == 0x1FFFF ? 0x40000 : cp + 1) { // not planes 2-3:
            if (Character.isDefined(cp) && Character.getType(cp) != Character.SURROGATE) { // ideographs, all alike
                String name = SpecName.normalize(Character.toString(cp) + "a" + Character.toString(cp) + "\u0301b");
                if (!SpecName.normalize(name).equals(name) || !wellFormed.matcher(name).matches()) {
                    broken.add(String.format("U+%04X: %s", cp, name));
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void theLegacyNameIsWhatVersionsBeforeUnicodeNamesGave() {
        assertThat(SpecName.legacy("Über uns")).isEqualTo("ber-uns");
        assertThat(SpecName.lookups("Über uns")).containsExactly("über-uns", "ber-uns");
        assertThat(SpecName.lookups("User Auth")).containsExactly("user-auth");
        assertThat(SpecName.lookups("認証")).as("nothing was left of it before").containsExactly("認証");
        assertThat(SpecName.isLegacy("ber-uns", "Über uns")).isTrue();
        assertThat(SpecName.isLegacy("ber", "Ber")).isFalse();
        assertThat(SpecName.titles("ber-uns", "Über uns")).isTrue();
        assertThat(SpecName.titles("über-uns", "Über uns")).isTrue();
        assertThat(SpecName.titles("uns", "Über uns")).isFalse();
    }

    @Test
    void renamesLegacyNamesToFreeNamesOnlyInCreationOrder() {
        SpecRenames.Plan plan = SpecRenames.plan(List.of(
                new SpecRenames.Stored("p", "ber-uns", "Über uns"),
                new SpecRenames.Stored("p", "auth", "Auth"),
                new SpecRenames.Stored("p", "le", "ﬁle"),
                new SpecRenames.Stored("p", "file", "File"),
                new SpecRenames.Stored("p", "ab", "a\u00A0b"),
                new SpecRenames.Stored("p", "ab-2", "a\u00A0b 2"),
                new SpecRenames.Stored("q", "ber-uns", "Über uns"),
                new SpecRenames.Stored("q", "berx", "Überx")));

        assertThat(plan.renames()).containsExactly(new SpecRenames.Rename("p", "ber-uns", "über-uns"),
                new SpecRenames.Rename("p", "ab", "a-b"), new SpecRenames.Rename("p", "ab-2", "a-b-2"),
                new SpecRenames.Rename("q", "ber-uns", "über-uns"), new SpecRenames.Rename("q", "berx", "überx"));
        assertThat(plan.kept()).extracting(SpecRenames.Kept::describe).containsExactly("spec 'le' of project 'p' keeps "
                + "its name: its title now makes the name 'file', which another spec of the project has");
    }

    @Test
    void trigramSimilarityMatchesPgTrgm() {
        // SELECT similarity('word', 'two words') = 0.36363637 in PostgreSQL's pg_trgm documentation
        assertThat(Trigrams.similarity("word", "two words")).isEqualTo(0.36363637f);
        assertThat(Trigrams.similarity("auth", "auth")).isEqualTo(1.0);
        assertThat(Trigrams.similarity("abc", "xyz")).isZero();
        assertThat(Trigrams.similarity("", "xyz")).isZero();
        // SELECT show_trgm('über') on a PostgreSQL 16 database with LC_CTYPE C.UTF-8 (PostgresTrigramTest asks it)
        assertThat(Trigrams.show("über")).containsExactlyInAnyOrder("0xb1fa7d", "0x0d7f89", "0x4f84fe", "ber", "er ");
    }

    @Test
    void feedbackReadFromJsonWithoutAScoreIsRefusedByTheModelNotReadAsZero() throws Exception {
        CriticFeedback read = Json.mapper().readValue("{\"criticAgent\": \"c\", \"assessmentSummary\": \"s\"}",
                CriticFeedback.class);

        assertThat(read.overallScore()).isNull();
        assertThat(read.iteration()).as("left to the store").isNull();
        assertThatThrownBy(read::validate).hasMessage("invalid feedback: overallScore = (missing): is required");
    }

    @Test
    void parsesEnumWireValuesAndNamesTheAllowedOnes() {
        assertThat(LoopType.parse("BUILD_CODE")).isEqualTo(LoopType.BUILD_CODE);
        assertThat(SpecStatus.parse("in-review")).isEqualTo(SpecStatus.IN_REVIEW);
        assertThatThrownBy(() -> LoopType.parse("poem"))
                .isInstanceOfSatisfying(StatekeeperException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED))
                .hasMessage("invalid type: type = 'poem': must be one of plan, roadmap, spec, build_plan, build_code, analyst");
    }

    @Test
    void parsesCleanDurations() {
        assertThat(Retention.parseDuration("older-than", "30d")).isEqualTo(Duration.ofDays(30));
        assertThat(Retention.parseDuration("older-than", "12h")).isEqualTo(Duration.ofHours(12));
        assertThat(Retention.parseDuration("older-than", "2w")).isEqualTo(Duration.ofDays(14));
        assertThatThrownBy(() -> Retention.parseDuration("older-than", "soon"))
                .hasMessage("invalid older-than: older-than = 'soon': must be a number followed by s, m, h, d or w (e.g. 30d)");
    }

    @Test
    void everyErrorCodeHasACauseAFixAndAnExitCodeOfTheSpec() {
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(code.cause()).isNotBlank();
            assertThat(code.fix()).isNotBlank();
            assertThat(code.exitCode()).isBetween(1, 7);
        }
        assertThat(ErrorCode.LOOP_NOT_FOUND.exitCode()).isEqualTo(3);
        assertThat(ErrorCode.VALIDATION_FAILED.exitCode()).isEqualTo(4);
        assertThat(ErrorCode.DATABASE_BUSY.exitCode()).isEqualTo(5);
        assertThat(ErrorCode.CORRUPT.exitCode()).isEqualTo(6);
        assertThat(ErrorCode.LOOP_NOT_FOUND.wire()).isEqualTo("loop-not-found");
    }
}
