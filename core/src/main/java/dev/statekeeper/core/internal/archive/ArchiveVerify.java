package dev.statekeeper.core.internal.archive;

import dev.statekeeper.core.archive.ArchiveRecord;
import dev.statekeeper.core.archive.EventRecord;
import dev.statekeeper.core.archive.EventSequenceRecord;
import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares two stores record by record, each read from its own export: every record of the source must be in the
 * target with the same content, and (unless the target may hold more, after a merge) the target must hold nothing
 * else, in the same order. Fails with VERIFY_FAILED (exit 6) naming the first differences and the field each
 * differs in.
 *
 * <p>The change history is compared as a whole, not event by event: unless the target may hold more, its events and
 * last sequence must be the source's exactly (a digest of the history's lines on each side, and their counts). After
 * a merge the history is not compared: a target with its own history keeps it, and one without took the source's
 * only if it had none, so neither equality nor inclusion holds by design.
 */
public final class ArchiveVerify {
    /** The most differences a failure names. */
    private static final int NAMED = 5;

    private ArchiveVerify() {
    }

    /** Returns how many records matched. */
    public static long run(StateStore source, StateStore target, boolean targetMayHoldMore, Progress progress) {
        RecordIndex index = new RecordIndex();
        MessageDigest targetOrder = ArchiveWriter.sha256();
        History targetHistory = new History();
        progress.begin("verifying", -1);
        target.archive().export(record -> {
            progress.advance();
            if (targetHistory.add(record)) {
                return;
            }
            index.add(record);
            targetOrder.update(ArchiveCodec.line(record));
        });
        MessageDigest sourceOrder = ArchiveWriter.sha256();
        History sourceHistory = new History();
        long[] tally = new long[3]; // matched, differing, missing
        List<String> named = new ArrayList<>();
        Map<String, ArchiveRecord> differing = new LinkedHashMap<>();
        source.archive().export(record -> {
            progress.advance();
            if (sourceHistory.add(record)) {
                return;
            }
            sourceOrder.update(ArchiveCodec.line(record));
            switch (index.match(record)) {
                case IDENTICAL -> tally[0]++;
                case DIFFERENT -> {
                    tally[1]++;
                    if (differing.size() < NAMED) {
                        differing.put(record.kind() + ":" + record.key(), record);
                    }
                }
                case ABSENT -> {
                    tally[2]++;
                    if (named.size() < NAMED) {
                        named.add(record.describe() + " is missing in the target");
                    }
                }
            }
        });
        progress.end();
        long extra = index.size() - tally[0] - tally[1];
        List<String> problems = new ArrayList<>(fieldDifferences(target, differing));
        problems.addAll(named);
        if (!targetMayHoldMore && extra > 0) {
            problems.add("the target holds " + extra + " record" + (extra == 1 ? "" : "s") + " the source does not");
        }
        if (problems.isEmpty() && !targetMayHoldMore && !Arrays.equals(sourceOrder.digest(), targetOrder.digest())) {
            problems.add("the target holds the same records in another order (specs' creation order or the "
                    + "active-loop history)");
        }
        if (!targetMayHoldMore && !sourceHistory.sameAs(targetHistory)) {
            problems.add("the change history differs: the source has " + sourceHistory + ", the target "
                    + targetHistory);
        }
        if (!problems.isEmpty()) {
            throw new StatekeeperException(ErrorCode.VERIFY_FAILED, "the target does not match the source: "
                    + tally[1] + " record(s) differ, " + tally[2] + " missing"
                    + (targetMayHoldMore ? "" : ", " + Math.max(0, extra) + " extra") + ": " + String.join("; ", problems),
                    List.of(), Map.of("differ", tally[1], "missing", tally[2], "extra", Math.max(0, extra)), null);
        }
        return tally[0];
    }

    /** One side's change history: how many events, the last sequence, and a digest of their lines. */
    private static final class History {
        private final MessageDigest digest = ArchiveWriter.sha256();
        private long events;
        private long lastSequence;
        private byte[] sum;

        /** Takes the record when it is the history's; returns whether it was. */
        boolean add(ArchiveRecord record) {
            switch (record) {
                case EventRecord e -> {
                    events++;
                    lastSequence = Math.max(lastSequence, e.sequence());
                }
                case EventSequenceRecord s -> lastSequence = Math.max(lastSequence, s.lastSequence());
                default -> {
                    return false;
                }
            }
            digest.update(ArchiveCodec.line(record));
            return true;
        }

        boolean sameAs(History other) {
            return events == other.events && lastSequence == other.lastSequence && Arrays.equals(sum(), other.sum());
        }

        private byte[] sum() {
            if (sum == null) {
                sum = digest.digest();
            }
            return sum;
        }

        /** "12 events up to sequence 14". */
        @Override
        public String toString() {
            return events + (events == 1 ? " event" : " events") + " up to sequence " + lastSequence;
        }
    }

    /** "loop 'x' differs in currentScore: 80 in the source, 90 in the target", reading the target's records again. */
    private static List<String> fieldDifferences(StateStore target, Map<String, ArchiveRecord> differing) {
        if (differing.isEmpty()) {
            return List.of();
        }
        Map<String, String> found = new LinkedHashMap<>();
        target.archive().export(record -> {
            String id = record.kind() + ":" + record.key();
            if (differing.containsKey(id)) {
                found.put(id, line(record));
            }
        });
        List<String> out = new ArrayList<>();
        differing.forEach((id, record) -> out.add(record.describe() + " differs"
                + JsonDiff.first(line(record), found.get(id))));
        return out;
    }

    private static String line(ArchiveRecord record) {
        return new String(ArchiveCodec.line(record), StandardCharsets.US_ASCII);
    }
}
