package dev.statekeeper.core.internal.archive;

import dev.statekeeper.core.archive.RecordKind;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.CriticFeedback;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopType;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.domain.NewSession;
import dev.statekeeper.core.domain.PlanContent;
import dev.statekeeper.core.domain.RoadmapContent;
import dev.statekeeper.core.domain.SpecContent;
import dev.statekeeper.core.domain.SpecStatus;
import dev.statekeeper.core.internal.memory.MemoryStateStore;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Stores holding every kind of record, and exports written by hand, for the archive tests. */
final class Samples {
    static final Settings SETTINGS = Settings.builder().set(Setting.LOOP_HISTORY_SIZE, "3").build();

    private Samples() {
    }

    /** A clock that moves one millisecond on every read, from 2026-01-01. */
    static Clock clock() {
        return new Clock() {
            private long millis = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

            @Override
            public synchronized Instant instant() {
                return Instant.ofEpochMilli(millis++).plusNanos(1234);
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException();
            }
        };
    }

    static MemoryStateStore empty() {
        return new MemoryStateStore(SETTINGS, clock());
    }

    /** Every kind of record: loops with feedback, objective and link, a spec with three revisions, non-ASCII text. */
    static MemoryStateStore full() {
        MemoryStateStore store = empty();
        Loop a = store.createLoop(NewLoop.of("demo", LoopType.SPEC));
        Loop b = store.createLoop(new NewLoop("démo ☃", LoopType.PLAN, "fixed-id"));
        store.createLoop(NewLoop.of("demo", LoopType.ANALYST));
        store.createLoop(NewLoop.of("demo", LoopType.ROADMAP));
        store.addFeedback(a.id(), feedback(1, 60, "first 👍"));
        store.addFeedback(a.id(), feedback(1, 70, "second"));
        store.decide(a.id());
        store.putObjectiveFeedback(b.id(), "Ship it — «soon»");
        store.putSpec("demo", spec("User Auth", "scope"));
        store.updateSpec("demo", "user-auth", new SpecContent(null, SpecStatus.IN_REVIEW, null, null, null, null,
                "OAuth", null, null, null, null, null, null, null, null, Map.of("z", "last", "a", "first")), null);
        store.updateSpec("demo", "user-auth", new SpecContent(null, null, null, null, null, null, "OAuth 2.1", null, null,
                null, null, null, null, null, null, null), null);
        store.putSpec("other", spec("Billing", "all"));
        store.linkLoop(a.id(), "demo", "user-auth");
        store.putRoadmap("demo", RoadmapContent.titled("Road to v1"));
        store.putPlan("demo", PlanContent.withVision("Agents that remember"));
        store.putPlan("Ärger", PlanContent.withVision("umlauts"));
        store.startSession(new NewSession("fix/login", "web", "https://example.com/web.git", "fix/login", "42",
                Map.of("b", "2", "a", "1")));
        store.startSession(NewSession.named("ended-one"));
        store.endSession("ended-one");
        return store;
    }

    static CriticFeedback feedback(int iteration, int score, String summary) {
        return CriticFeedback.builder().criticAgent("spec-critic").iteration(iteration).overallScore(score)
                .assessmentSummary(summary).detailedFeedback("details").keyIssues(List.of("issue"))
                .recommendations(List.of("fix")).build();
    }

    static SpecContent spec(String title, String scope) {
        return new SpecContent(title, null, "objectives", scope, "deps", "deliverables", null, null, null, null, null,
                null, null, null, null, null);
    }

    /** The export of a store, as bytes. */
    static byte[] export(MemoryStateStore store) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ArchiveWriter writer = new ArchiveWriter(out, "test export");
        store.archive().export(writer);
        writer.finish();
        return out.toByteArray();
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static ArchiveSource source(byte[] bytes) {
        return () -> ArchiveReader.of(new ByteArrayInputStream(bytes), "export file 'test.jsonl'");
    }

    /** An export of these record lines with a header and a correct trailer, whatever the lines hold. */
    static byte[] exportOf(String... lines) {
        return exportOfVersion(ArchiveCodec.VERSION, lines);
    }

    /** An export of the format version, with a right trailer (version 1 counts no history kinds). */
    static byte[] exportOfVersion(int version, String... lines) {
        StringBuilder out = new StringBuilder("{\"format\":\"statekeeper-export\",\"version\":" + version + "}\n");
        MessageDigest sha = ArchiveWriter.sha256();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (RecordKind kind : RecordKind.values()) {
            if (version >= 2 || !kind.history()) {
                counts.put(kind.wire(), 0L);
            }
        }
        Pattern kind = Pattern.compile("^\\{\"kind\":\"(\\w+)\"");
        for (String line : lines) {
            out.append(line).append('\n');
            sha.update((line + "\n").getBytes(StandardCharsets.UTF_8));
            Matcher m = kind.matcher(line);
            if (m.find()) {
                counts.merge(m.group(1), 1L, Long::sum);
            }
        }
        StringBuilder json = new StringBuilder();
        counts.forEach((k, n) -> json.append(json.isEmpty() ? "" : ",").append('"').append(k).append("\":").append(n));
        out.append("{\"trailer\":\"statekeeper-export\",\"counts\":{").append(json).append("},\"sha256\":\"")
                .append(HexFormat.of().formatHex(sha.digest())).append("\"}\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
