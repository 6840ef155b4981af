package dev.statekeeper.jdbc.internal.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.statekeeper.core.domain.WireEnum;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.events.Change;
import dev.statekeeper.core.events.EventBatch;
import dev.statekeeper.core.events.EventLog;
import dev.statekeeper.core.events.EventQuery;
import dev.statekeeper.core.events.KeptRequest;
import dev.statekeeper.core.events.Origin;
import dev.statekeeper.core.events.RequestKeys;
import dev.statekeeper.core.events.StoreEvent;
import dev.statekeeper.core.events.Via;
import dev.statekeeper.core.internal.domain.Retention;
import dev.statekeeper.core.internal.domain.Timestamps;
import dev.statekeeper.core.internal.events.EventDraft;
import dev.statekeeper.core.internal.events.EventJournal;
import dev.statekeeper.core.internal.events.EventSignal;
import dev.statekeeper.core.internal.json.Json;
import dev.statekeeper.core.perf.RequestTag;
import dev.statekeeper.jdbc.internal.JsonColumns;
import dev.statekeeper.jdbc.internal.Recheck;
import dev.statekeeper.jdbc.internal.Sql;
import dev.statekeeper.jdbc.internal.Transactor;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The change history and request keys of a SQL store, in the {@code events}, {@code event_sequence} and
 * {@code request_keys} tables. A write {@link #checkKey checks} its origin's request key before it changes anything
 * and {@link #flush flushes} its events (and key) as the last work of its own transaction, numbered by the backend's
 * {@link EventRows} after the newest number given, so they are gap-free and committed in order (SQLite's writers
 * exclude each other; on PostgreSQL the {@code event_sequence} row lock orders the commits). Each write call has a
 * write id: a retried call (its first try committed, its acknowledgement was lost, the work ran again) adds no event
 * for a record its write id recorded. Followers wait on an {@link EventSignal}
 * that this store's own commits {@link #announce}, that a PostgreSQL listener may announce, and that polls
 * {@link #lastSequence()} otherwise. Thread-safe.
 */
public final class JdbcEventLog implements EventLog, RequestKeys {
    private static final TypeReference<Map<String, Object>> SUMMARY = new TypeReference<>() {
    };
    /** The columns an event is read from, in the order {@link #map} and the export read them. */
    static final String EVENT_COLUMNS = "sequence, time, change, entity_id, project, version, actor, via, "
            + "request_id, request_key, summary";

    private final Transactor tx;
    private final Dialect dialect;
    private final Clock clock;
    private final EventRows rows;
    private final EventSignal signal;
    private volatile Runnable beforeWait = () -> { };

    /**
     * @param tx      the store's transactor
     * @param dialect the database's dialect
     * @param clock   the clock that stamps events and keys
     * @param rows    how the backend numbers and stores a write's events
     * @param poll    how often a follower reads the newest sequence when nothing announces one
     */
    public JdbcEventLog(Transactor tx, Dialect dialect, Clock clock, EventRows rows, Duration poll) {
        this.tx = tx;
        this.dialect = dialect;
        this.clock = clock;
        this.rows = rows;
        this.signal = new EventSignal(this::lastSequence, poll);
    }

    /** Runs {@code hook} before each wait (a backend starts its listener there, once). */
    public void beforeWait(Runnable hook) {
        this.beforeWait = hook;
    }

    /**
     * Refuses a write whose origin carries a request key that a committed write of another call used.
     *
     * @return whether this write call already committed its key (a retry after a lost commit acknowledgement)
     * @throws StatekeeperException REQUEST_KEY_IN_USE
     */
    boolean checkKey(Connection c, Origin origin, String writeId) throws SQLException {
        if (origin.requestKey() == null) {
            return false;
        }
        Optional<String> owner = Sql.first(c, "SELECT write_id FROM request_keys WHERE request_key = ?",
                row -> row.getString(1), origin.requestKey());
        if (owner.isPresent() && !owner.get().equals(writeId)) {
            throw EventJournal.keyInUse(origin.requestKey());
        }
        return owner.isPresent();
    }

    /**
     * Stores the request key and the events of a write as its transaction's last statements. A retried call (its
     * first try committed, the acknowledgement was lost, the work ran again) adds no event for a record it already
     * recorded: the events of its write id are looked up by record, through the entity index.
     *
     * @param retried whether an earlier try of this call ran (only then are rows of its write id looked for)
     * @return the newest sequence after the flush, or 0 when it numbered nothing
     * @throws StatekeeperException REQUEST_KEY_IN_USE when a concurrent write stored the key first
     */
    long flush(Connection c, Origin origin, String writeId, boolean retried, List<EventDraft> drafts)
            throws SQLException {
        Instant now = Timestamps.now(clock);
        if (origin.requestKey() != null && Sql.update(c, """
                INSERT INTO request_keys (request_key, fingerprint, time, write_id) VALUES (?, ?, ?, ?)
                ON CONFLICT (request_key) DO NOTHING""",
                origin.requestKey(), origin.requestFingerprint(), dialect.time(now), writeId) == 0) {
            throw EventJournal.keyInUse(origin.requestKey());
        }
        List<EventDraft> unrecorded = retried ? unrecorded(c, writeId, drafts) : drafts;
        if (unrecorded.isEmpty()) {
            return 0;
        }
        return rows.append(c, new EventRows.Shared(dialect.time(now), origin.actor(), origin.via().wire(),
                RequestTag.current(), origin.requestKey(), writeId), unrecorded);
    }

    /** The drafts of records that no event of this write id recorded yet. */
    private static List<EventDraft> unrecorded(Connection c, String writeId, List<EventDraft> drafts)
            throws SQLException {
        List<EventDraft> left = new ArrayList<>(drafts.size());
        for (EventDraft draft : drafts) {
            if (Sql.first(c, "SELECT 1 FROM events WHERE entity_kind = ? AND entity_id = ? AND write_id = ?",
                    row -> true, draft.change().kind().wire(), draft.entityId(), writeId).isEmpty()) {
                left.add(draft);
            }
        }
        return left;
    }

    /** Wakes the followers: the events up to this sequence committed. */
    public void announce(long sequence) {
        signal.announce(sequence);
    }

    @Override
    public EventBatch read(EventQuery query) {
        query.validate();
        StringBuilder sql = new StringBuilder("SELECT " + EVENT_COLUMNS + " FROM events WHERE sequence > ?");
        List<Object> params = new ArrayList<>();
        params.add(query.after());
        if (query.since() != null) {
            sql.append(" AND time >= ?");
            params.add(dialect.time(Timestamps.truncate(query.since())));
        }
        if (query.kind() != null) {
            sql.append(" AND entity_kind = ?");
            params.add(query.kind().wire());
        }
        if (query.entityId() != null) {
            sql.append(" AND entity_id = ?");
            params.add(query.entityId());
        }
        if (query.project() != null) {
            sql.append(" AND project = ?");
            params.add(query.project());
        }
        sql.append(" ORDER BY sequence LIMIT ?");
        params.add(query.limit());
        return tx.read("read events", c -> {
            List<StoreEvent> events = Sql.list(c, sql.toString(), this::map, params.toArray());
            return new EventBatch(events, last(c));
        });
    }

    @Override
    public long lastSequence() {
        return tx.query("read the last event sequence", rows::last);
    }

    /**
     * The newest number given (the export writes it too): the newest event's, or the counter's where it is greater
     * (the numbers of pruned events).
     */
    static long last(Connection c) throws SQLException {
        return EventRows.newest(c);
    }

    @Override
    public long awaitAfter(long sequence, Duration timeout) throws InterruptedException {
        beforeWait.run();
        return signal.awaitAfter(sequence, timeout);
    }

    /**
     * Deletes the old events and request keys; {@code event_sequence} first keeps the newest number, so that none is
     * given twice even when every event goes.
     */
    @Override
    public long prune(Duration olderThan) {
        Object cutoff = dialect.time(Retention.cutoff(Timestamps.now(clock), olderThan));
        return tx.write("prune events", c -> {
            // only a prefix of the numbers: two writes committing together may have their times in the other order
            // than their numbers, and pruning by time alone could then leave a gap (N-1 kept, N removed)
            Sql.update(c, """
                    UPDATE event_sequence SET last_sequence = (SELECT max(sequence) FROM events)
                    WHERE id = 1 AND last_sequence < (SELECT max(sequence) FROM events)""");
            long removed = Sql.update(c, """
                    DELETE FROM events WHERE sequence < coalesce(
                        (SELECT min(sequence) FROM events WHERE time >= ?),
                        (SELECT max(sequence) + 1 FROM events))""", cutoff);
            Sql.update(c, "DELETE FROM request_keys WHERE time < ?", cutoff);
            return removed;
        }, Recheck.rerun());
    }

    @Override
    public Optional<KeptRequest> find(String key) {
        return tx.query("find request key", c -> Sql.first(c, """
                SELECT request_key, fingerprint, time, response_status, response_type, response_headers, response_body,
                    response_bytes FROM request_keys WHERE request_key = ?""", this::mapKey, key));
    }

    /** Keeps the response of the key's write, unless one is kept already or the key is not stored. */
    @Override
    public void keepResponse(String key, KeptRequest.Response response) {
        tx.writeIdempotent("keep the response of request key", c -> Sql.update(c, """
                UPDATE request_keys SET response_status = ?, response_type = ?, response_headers = ?,
                    response_body = ?, response_bytes = ?
                WHERE request_key = ? AND response_status IS NULL""",
                response.status(), response.contentType(), JsonColumns.write(response.headers()), response.body(),
                response.bodyBytes(), key));
    }

    private StoreEvent map(ResultSet row) throws SQLException {
        long sequence = row.getLong("sequence");
        long version = row.getLong("version");
        Long versionOrNull = row.wasNull() ? null : version;
        return new StoreEvent(sequence, dialect.time(row, "time"),
                WireEnum.parse(Change.class, "change", row.getString("change")), row.getString("entity_id"),
                row.getString("project"), versionOrNull, row.getString("actor"),
                WireEnum.parse(Via.class, "via", row.getString("via")), row.getString("request_id"),
                row.getString("request_key"), summary(row.getString("summary"), sequence));
    }

    /** A stored event's summary, read back; CORRUPT when it is not a JSON object (the export reads it so too). */
    static Map<String, Object> summary(String json, long sequence) {
        try {
            return Json.mapper().readValue(json, SUMMARY);
        } catch (JsonProcessingException e) {
            throw new StatekeeperException(ErrorCode.CORRUPT, "stored summary of event " + sequence
                    + " is not a JSON object: " + e.getOriginalMessage(), e);
        }
    }

    private KeptRequest mapKey(ResultSet row) throws SQLException {
        String key = row.getString("request_key");
        int status = row.getInt("response_status");
        KeptRequest.Response response = row.wasNull() ? null : new KeptRequest.Response(status,
                row.getString("response_type"), row.getString("response_headers") == null ? Map.of()
                : JsonColumns.stringMap(row.getString("response_headers"), "response headers of request key '" + key + "'"),
                row.getBytes("response_body"), row.getInt("response_bytes"));
        return new KeptRequest(key, row.getString("fingerprint"), dialect.time(row, "time"), response);
    }
}
