package dev.statekeeper.jdbc.postgres;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.NewSession;
import dev.statekeeper.core.domain.Session;
import dev.statekeeper.core.domain.SessionQuery;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.events.EventBatch;
import dev.statekeeper.core.events.EventQuery;
import dev.statekeeper.core.events.Origin;
import dev.statekeeper.core.events.StoreEvent;
import dev.statekeeper.core.events.Via;
import dev.statekeeper.testkit.TestClock;
import dev.statekeeper.testkit.postgres.PostgresServer;
import dev.statekeeper.testkit.sql.RawSql;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The change history on PostgreSQL: followers of one store woken through LISTEN/NOTIFY by another store's writes
 * (the poll set far beyond the test's wait, so only a notification wakes them in time), also after the listening
 * connection was cut; concurrent writers numbered without a gap or a duplicate and followed in order; a request key
 * raced by two stores kept once; the channel per schema; the migration from schema version 9.
 */
@SuppressWarnings("try") // an Origin.Scope is held for its block, never referenced in it
class PostgresEventsTest {
    private final TestClock clock = new TestClock();

    /** A poll far beyond the waits of these tests: a follower woken in time was woken by a notification. */
    private static Settings notifiedOnly() {
        return Settings.builder().set(Setting.EVENTS_POLL, "60").set(Setting.POOL_MAX_SIZE, "10").build();
    }

    private static long awaitAfter(PostgresStateStore store, long sequence) {
        try {
            return store.events().awaitAfter(sequence, Duration.ofSeconds(55));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A follower waiting after the sequence, once it waits: its thread is in the timed wait of the signal, past its
     * first look at the newest sequence, so only an announcement (or a poll, 60 s away) wakes it.
     */
    private static CompletableFuture<Long> waiting(PostgresStateStore follower, long after) {
        CompletableFuture<Long> result = new CompletableFuture<>();
        Thread thread = Thread.ofPlatform().daemon().start(() -> {
            try {
                result.complete(awaitAfter(follower, after));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        while (thread.getState() != Thread.State.TIMED_WAITING && !result.isDone()) {
            Thread.onSpinWait();
        }
        return result;
    }

    @Test
    void aFollowerIsWokenThroughNotifyByAnotherStoreOnTheDatabase() throws Exception {
        String database = FreshPostgresStores.migratedDatabase();
        try (PostgresStateStore writer = FreshPostgresStores.openOn(database, notifiedOnly(), clock);
             PostgresStateStore follower = FreshPostgresStores.openOn(database, notifiedOnly(), clock)) {
            for (long sequence = 0; sequence < 3; sequence++) {
                CompletableFuture<Long> woken = waiting(follower, sequence);
                writer.startSession(NewSession.named("s" + sequence));
                assertThat(woken.get(30, TimeUnit.SECONDS)).isEqualTo(sequence + 1);
            }
        }
    }

    @Test
    void aFollowerIsStillWokenAfterItsListeningConnectionWasCut() throws Exception {
        String database = FreshPostgresStores.migratedDatabase();
        try (PostgresStateStore writer = FreshPostgresStores.openOn(database, notifiedOnly(), clock);
             PostgresStateStore follower = FreshPostgresStores.openOn(database, notifiedOnly(), clock);
             Connection admin = FreshPostgresStores.server().connect("postgres")) {
            writer.startSession(NewSession.named("s0"));
            assertThat(awaitAfter(follower, 0)).as("the listener started").isEqualTo(1);

            String listener = "FROM pg_stat_activity WHERE datname = '" + database
                    + "' AND application_name = 'statekeeper-events'"; // idle or active: its state flickers
            awaitListening(admin, listener, "the listener connected");
            long first = RawSqlNumber.of(admin, "SELECT min(pid) " + listener);
            assertThat(RawSqlNumber.of(admin, "SELECT count(pg_terminate_backend(pid)) " + listener))
                    .as("the listener cut").isEqualTo(1);
            // after a pause of 100 ms, a new connection (the cut one may still be listed while it ends)
            awaitListening(admin, listener + " AND pid <> " + first, "the listener reconnected");

            CompletableFuture<Long> woken = waiting(follower, 1);
            writer.startSession(NewSession.named("s1"));
            assertThat(woken.get(30, TimeUnit.SECONDS)).isEqualTo(2);
        }
    }

    @Test
    void concurrentWritersAreNumberedOneToFourHundredAndFollowedInOrder() throws Exception {
        int threads = 8;
        int writes = 50;
        int total = threads * writes;
        String database = FreshPostgresStores.migratedDatabase();
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        try (PostgresStateStore writer = FreshPostgresStores.openOn(database, notifiedOnly(), clock);
             PostgresStateStore follower = FreshPostgresStores.openOn(database, notifiedOnly(), clock)) {
            Future<List<Long>> followed = pool.submit(() -> {
                List<Long> seen = new ArrayList<>(total);
                long last = 0;
                EventQuery query = EventQuery.all().withLimit(EventQuery.MAX_LIMIT);
                while (last < total) {
                    EventBatch batch = follower.events().read(query.withAfter(last));
                    seen.addAll(batch.events().stream().map(StoreEvent::sequence).toList());
                    last = batch.next(query.withAfter(last));
                    if (batch.events().isEmpty() && follower.events().awaitAfter(last, Duration.ofSeconds(55)) <= last) {
                        break; // nothing came: the assertion below tells what is missing
                    }
                }
                return seen;
            });
            List<Future<?>> writing = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                writing.add(pool.submit((Callable<Void>) () -> {
                    for (int i = 0; i < writes; i++) {
                        writer.startSession(NewSession.named("t" + thread + "-" + i));
                    }
                    return null;
                }));
            }
            for (Future<?> w : writing) {
                w.get(120, TimeUnit.SECONDS);
            }

            assertThat(followed.get(120, TimeUnit.SECONDS)).as("every number once, in order, none skipped")
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
            try (Connection raw = RawPostgres.connect(database)) {
                assertThat(RawSql.text(raw, "SELECT count(*) || ' ' || count(DISTINCT sequence) || ' ' || min(sequence) "
                        + "|| ' ' || max(sequence) FROM events")).isEqualTo("400 400 1 400");
                assertThat(RawSql.text(raw, "SELECT last_sequence::text FROM event_sequence")).isEqualTo("400");
                assertThat(RawSql.text(raw, "SELECT count(DISTINCT write_id)::text FROM events")).isEqualTo("400");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRequestKeyRacedByTwoStoresIsKeptOnceAndTheLoserChangesNothing() throws Exception {
        String database = FreshPostgresStores.migratedDatabase();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (PostgresStateStore first = FreshPostgresStores.openOn(database, Settings.defaults(), clock);
             PostgresStateStore second = FreshPostgresStores.openOn(database, Settings.defaults(), clock)) {
            for (int round = 0; round < 5; round++) {
                String key = "key-" + round;
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<String>> racers = new ArrayList<>();
                for (PostgresStateStore store : List.of(first, second)) {
                    String name = "r" + round + "-" + (store == first ? "a" : "b");
                    racers.add(pool.submit(() -> {
                        start.await(30, TimeUnit.SECONDS);
                        try (Origin.Scope scope = Origin.of(Via.HTTP, "bot").withRequestKey(key, "fp").open()) {
                            store.startSession(NewSession.named(name));
                            return "ok";
                        } catch (StatekeeperException e) {
                            return e.code() + ": " + e.getMessage();
                        }
                    }));
                }
                List<String> outcomes = new ArrayList<>();
                for (Future<String> racer : racers) {
                    outcomes.add(racer.get(60, TimeUnit.SECONDS));
                }
                assertThat(outcomes).containsExactlyInAnyOrder("ok", ErrorCode.REQUEST_KEY_IN_USE + ": Idempotency-Key '"
                        + key + "' was already used by a write that committed; nothing was changed");
                assertThat(first.requestKeys().find(key)).isPresent();
            }
            assertThat(first.listSessions(SessionQuery.all()).items()).extracting(Session::name).hasSize(5);
            assertThat(first.events().lastSequence()).isEqualTo(5);
            try (Connection raw = RawPostgres.connect(database)) {
                assertThat(RawSql.count(raw, "events")).isEqualTo(5);
                assertThat(RawSql.count(raw, "request_keys")).isEqualTo(5);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void eachSchemaHasAChannelOfItsOwnThatPostgresqlAccepts() {
        assertThat(EventListener.channel("public")).isEqualTo("statekeeper_events_public");
        String odd = EventListener.channel("Tenant \"A\"");
        String long1 = EventListener.channel("s".repeat(63));
        String long2 = EventListener.channel("s".repeat(62) + "t");
        assertThat(List.of(odd, long1, long2)).allSatisfy(c -> assertThat(c).hasSize(63).matches("[a-z0-9_]+"))
                .doesNotHaveDuplicates();
        assertThat(EventListener.channel("Tenant \"A\"")).as("stable").isEqualTo(odd);
    }

    @Test
    void aDatabaseAtVersion9GetsTheHistoryTablesAndNumbersFromOne() throws Exception {
        String database = FreshPostgresStores.server().createDatabase();
        Flyway.configure().dataSource(FreshPostgresStores.server().jdbcUrl(database), PostgresServer.USER, "")
                .locations("classpath:db/migration/postgres").target("9").load().migrate();
        try (Connection raw = RawPostgres.connect(database)) {
            RawSql.execute(raw, "INSERT INTO sessions (name, status, metadata) VALUES ('old', 'active', '{}')");
        }
        try (PostgresStateStore store = FreshPostgresStores.openOn(database, Settings.defaults(), clock)) {
            assertThat(store.info().schemaVersion()).isEqualTo("11");
            assertThat(store.events().lastSequence()).isZero();
            store.endSession("old");
            assertThat(store.events().read(EventQuery.all()).events()).singleElement().satisfies(e -> {
                assertThat(e.sequence()).isEqualTo(1);
                assertThat(e.summary()).isEqualTo(Map.of("status", "ended"));
            });
        }
    }

    /** Waits until the listener's connection is there (the one backend the query names), failing after 30 s. */
    private static void awaitListening(Connection admin, String listener, String what) throws java.sql.SQLException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long count = RawSqlNumber.of(admin, "SELECT count(*) " + listener);
        while (count == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            count = RawSqlNumber.of(admin, "SELECT count(*) " + listener);
        }
        assertThat(count).as(what).isEqualTo(1);
    }

    /** One number a query returns. */
    private static final class RawSqlNumber {
        static long of(Connection connection, String sql) throws java.sql.SQLException {
            return Long.parseLong(RawSql.text(connection, sql));
        }
    }
}
