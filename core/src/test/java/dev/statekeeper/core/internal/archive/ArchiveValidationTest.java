package dev.statekeeper.core.internal.archive;

import dev.statekeeper.core.archive.LoadMode;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.error.Violation;
import dev.statekeeper.core.internal.memory.MemoryStateStore;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ArchiveValidationTest {
    private static final String T = "\"createdAt\":\"2026-01-01T00:00:00Z\",\"updatedAt\":\"2026-01-01T00:00:00Z\"";

    private static String loop(String id, String fields) {
        return "{\"kind\":\"loop\",\"id\":\"" + id + "\",\"project\":\"demo\",\"type\":\"spec\",\"status\":\"initialized\","
                + "\"currentScore\":0,\"iteration\":1,\"version\":1," + T + ",\"feedback\":[]" + fields + "}";
    }

    @Test
    void everyBadRecordIsReportedWithItsLineAndFieldAndNothingIsImported() {
        byte[] export = Samples.exportOf(
                loop("good0001", ""),
                "{\"kind\":\"loop\",\"id\":\"bad id!\",\"project\":\"\",\"type\":\"spec\",\"status\":\"initialized\","
                        + "\"currentScore\":120,\"iteration\":0,\"version\":1," + T + ",\"feedback\":[{\"criticAgent\":\"c\","
                        + "\"iteration\":1,\"overallScore\":101,\"assessmentSummary\":\"s\",\"detailedFeedback\":\"\","
                        + "\"keyIssues\":[],\"recommendations\":[],\"timestamp\":null}]}",
                "{\"kind\":\"loop\",",
                loop("colour01", ",\"colour\":\"red\""),
                loop("flying01", "").replace("initialized", "flying"),
                loop("string01", "").replace("\"currentScore\":0", "\"currentScore\":\"80\""),
                loop("noversion", "").replace("\"version\":1,", ""),
                "{\"kind\":\"widget\",\"id\":\"w\"}",
                loop("good0001", ""),
                "{\"kind\":\"objective\",\"loopId\":\"nobody01\",\"text\":\"hi\"}",
                loop("late0001", ""),
                "{\"kind\":\"spec\",\"project\":\"demo\",\"name\":\"User Auth\",\"createdAt\":\"2026-01-01T00:00:00Z\","
                        + "\"revisions\":[{\"version\":2,\"iteration\":0,\"updatedAt\":\"2026-01-01T00:00:00Z\",\"content\":"
                        + "{\"title\":\"Billing\",\"status\":\"draft\",\"objectives\":\"o\",\"scope\":\"s\",\"dependencies\":\"d\","
                        + "\"deliverables\":\"v\",\"architecture\":\"\",\"technologyStack\":\"\",\"functionalRequirements\":\"\","
                        + "\"nonFunctionalRequirements\":\"\",\"developmentPlan\":\"\",\"testingStrategy\":\"\","
                        + "\"researchRequirements\":\"\",\"successCriteria\":\"\",\"integrationContext\":\"\","
                        + "\"additionalSections\":{}}}]}",
                "{\"kind\":\"specLink\",\"loopId\":\"good0001\",\"project\":\"demo\",\"name\":\"nothing\"}",
                "{\"kind\":\"session\",\"name\":\"-bad\",\"status\":\"active\",\"repoName\":null,\"repoUrl\":null,"
                        + "\"branch\":null,\"taskId\":null," + T + ",\"metadata\":{}}");
        MemoryStateStore store = Samples.full();
        byte[] before = Samples.export(store);

        StatekeeperException e = catchThrowableOfType(StatekeeperException.class,
                () -> ArchiveImport.run(store, Samples.source(export), LoadMode.REPLACE, Progress.NONE));

        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(e.violations()).extracting(Violation::toString).containsExactly(
                "line 3: project = '': is required",
                "line 3: id = 'bad id!': must be 1-64 characters of A-Z, a-z, 0-9, '_' or '-'",
                "line 3: currentScore = 120: must be between 0 and 100",
                "line 3: iteration = 0: must be >= 1",
                "line 3: feedback[0].overallScore = 101: must be between 0 and 100",
                "line 3: feedback[0].timestamp = (missing): is required",
                "line 3: currentScore = 120: must be the overallScore of the last feedback (101)",
                "line 4 = '{\"kind\":\"loop\",': is not valid JSON (Unexpected end-of-input within/between Object entries)",
                "line 5: colour = 'red': is not a field of a loop record",
                "line 6: status = 'flying': must be one of initialized, in_progress, completed, user_input, refine",
                "line 7: currentScore = '80': must be a whole number",
                "line 8: version = (missing): is required",
                "line 9: kind = 'widget': must be one of loop, objective, spec, specLink, activeLoop, roadmap, plan, session, "
                        + "event, eventSequence",
                "line 10: id = 'good0001': loop 'good0001' appears twice (first on line 2)",
                "line 11: loopId = 'nobody01': names no loop of the export",
                "line 12: kind = 'loop': must come before the objective records (records come in the order loop, "
                        + "objective, spec, specLink, activeLoop, roadmap, plan, session, event, eventSequence)",
                "line 13: name = 'User Auth': must be a normalized spec name (lower-case letters and digits, single '-')",
                "line 13: revisions[0].version = 2: must be between 1 and 1",
                "line 13: revisions[0].content.title = 'Billing': must normalize to the spec's name 'User Auth' (it "
                        + "normalizes to 'billing')",
                "line 14: name = 'nothing': names no spec of project 'demo' of the export",
                "line 15: name = '-bad': must start with a letter or digit and use only letters, digits and . _ # : / @ + -");
        assertThat(e.getMessage()).startsWith("invalid export file 'test.jsonl' (21 problems, nothing was imported): "
                + "line 3: project = '': is required; line 3: id = 'bad id!'");
        assertThat(e.details()).containsEntry("problems", 21L);
        assertThat(Samples.export(store)).isEqualTo(before);
    }
}
