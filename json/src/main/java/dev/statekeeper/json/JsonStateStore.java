package dev.statekeeper.json;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StoreInfo;
import dev.statekeeper.core.archive.Archive;
import dev.statekeeper.core.events.EventBatch;
import dev.statekeeper.core.events.EventLog;
import dev.statekeeper.core.events.EventQuery;
import dev.statekeeper.core.events.KeptRequest;
import dev.statekeeper.core.events.RequestKeys;
import dev.statekeeper.core.internal.archive.SnapshotArchive;
import dev.statekeeper.core.internal.events.EventJournal;
import dev.statekeeper.core.internal.events.EventSignal;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.domain.CriticFeedback;
import dev.statekeeper.core.domain.Decision;
import dev.statekeeper.core.domain.Loop;
import dev.statekeeper.core.domain.LoopQuery;
import dev.statekeeper.core.domain.LoopSummary;
import dev.statekeeper.core.domain.NewLoop;
import dev.statekeeper.core.domain.NewSession;
import dev.statekeeper.core.domain.Page;
import dev.statekeeper.core.domain.PlanContent;
import dev.statekeeper.core.domain.PlanQuery;
import dev.statekeeper.core.domain.ProjectPlan;
import dev.statekeeper.core.domain.Roadmap;
import dev.statekeeper.core.domain.RoadmapContent;
import dev.statekeeper.core.domain.Session;
import dev.statekeeper.core.domain.SessionQuery;
import dev.statekeeper.core.domain.Spec;
import dev.statekeeper.core.domain.SpecContent;
import dev.statekeeper.core.domain.SpecQuery;
import dev.statekeeper.core.internal.domain.Loops;
import dev.statekeeper.core.internal.domain.Projects;
import dev.statekeeper.core.internal.domain.Retention;
import dev.statekeeper.core.internal.domain.Specs;
import dev.statekeeper.core.internal.error.Errors;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.io.OwnerOnly;
import dev.statekeeper.core.internal.io.StoreFiles;
import dev.statekeeper.core.internal.memory.MemorySnapshot;
import dev.statekeeper.core.internal.memory.MemoryStateStore;
import dev.statekeeper.core.internal.oplog.OperationLogBacked;
import dev.statekeeper.core.internal.oplog.OperationLogStorage;
import dev.statekeeper.core.internal.oplog.OperationRecorder;
import dev.statekeeper.core.perf.OperationLog;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The {@code json} backend: one pretty-printed JSON document, {@code state.json} in the data directory, that a
 * person can read. The records live in a {@link MemoryStateStore}, which applies every rule of the domain; this
 * class keeps it in step with the file. Before each operation the file's {@link Stamp} is checked and the file
 * read again when another process or store changed it. A write first checks what of its input needs no stored
 * record (a new loop, feedback, a session, a spec's first store, a plan, a roadmap with its title, a clean's age),
 * so a bad input is VALIDATION_FAILED at once, even while another process holds the lock; it then takes the
 * {@link StoreLock}, applies the change to the fresh model and replaces the file atomically ({@link StateFile#save}),
 * keeping STATEKEEPER_JSON_BACKUPS earlier versions ({@link BackupRotation}); every write rewrites the whole file.
 * Thread-safe, and safe to share the file with other processes. It holds no file open between operations; close it
 * all the same, after which every operation fails with STORE_CLOSED. The errors of its operations are those
 * {@link dev.statekeeper.core.api.StateStore} names.
 */
@SuppressWarnings("exports") // OperationLogBacked is support code for StateStores.open, exported to no application
public final class JsonStateStore implements StateStore, OperationLogBacked {
    private static final String BACKEND = JsonStoreProvider.NAME;

    private final StateFile file;
    private final StoreLock lock;
    private final OperationLogFile operationLog;
    private final Object monitor = new Object();
    private final EventSignal signal;
    private final EventLog events = new Events();
    private final RequestKeys requestKeys = new Keys();
    /** The model and the file version it matches; null after a failed write, so the next operation reads the file. */
    private StateFile.Loaded current;
    private volatile boolean closed;

    private JsonStateStore(StateFile file, StoreLock lock, OperationLogFile operationLog, StateFile.Loaded current,
                           Duration poll) {
        this.file = file;
        // the probe reads the file again only when its stamp changed; the model is replaced then, so not its signal
        this.signal = new EventSignal(() -> read(model -> model.journal().lastSequence()), poll);
        this.lock = lock;
        this.operationLog = operationLog;
        this.current = current;
    }

    /**
     * The operation log kept beside a json store ({@code state.json.oplog}), read without its lock and without
     * opening the store: what {@code statekeeper doctor} reads when no store is open in its process. It writes
     * nothing.
     *
     * @param settings the settings naming the store (and STATEKEEPER_SLOW_OPERATION_MS)
     * @param clock    the clock that says what "the last hour" is
     * @return the log, reading only
     * @throws dev.statekeeper.core.error.StatekeeperException CANNOT_OPEN when the store's directory cannot be
     *         resolved
     */
    public static OperationLog storedOperationLog(Settings settings, Clock clock) {
        StorePaths paths = StorePaths.of(settings);
        try {
            return OperationRecorder.reading(JsonStoreProvider.NAME,
                    new OperationLogFile(paths, settings.seconds(Setting.JSON_LOCK_TIMEOUT)),
                    settings.integer(Setting.SLOW_OPERATION_MS), clock);
        } catch (IOException e) {
            throw FileErrors.cannotCreateDirectory(paths.directory(), paths.file(), e);
        }
    }

    /**
     * Opens {@code state.json} in {@link Settings#dataDir()}. A new data directory gets an empty store; a
     * missing file whose backups exist, an unreadable file and a damaged one are refused, each with its fix.
     *
     * @param settings the validated settings: the data directory, STATEKEEPER_JSON_BACKUPS,
     *         STATEKEEPER_JSON_LOCK_TIMEOUT, the loop policy...
     * @param clock    the clock that stamps records
     * @return the open store; the caller closes it
     * @throws dev.statekeeper.core.error.StatekeeperException {@link dev.statekeeper.core.error.ErrorCode#CANNOT_OPEN}
     *         when the directory or file cannot be created or read, something other than a file is at its path, or the
     *         file is missing while its backups exist; {@link dev.statekeeper.core.error.ErrorCode#READ_ONLY} or
     *         {@link dev.statekeeper.core.error.ErrorCode#DISK_FULL} when a new store cannot be written;
     *         {@link dev.statekeeper.core.error.ErrorCode#CORRUPT} when the file is damaged or not a json store;
     *         {@link dev.statekeeper.core.error.ErrorCode#MIGRATION_DRIFT} when a newer build wrote it;
     *         {@link dev.statekeeper.core.error.ErrorCode#DATABASE_BUSY} when another process holds its lock past the
     *         lock timeout
     */
    public static JsonStateStore open(Settings settings, Clock clock) {
        StorePaths paths = StorePaths.of(settings);
        StoreFiles.requireFileOrNothing(paths.file(), "json store");
        StoreLock lock;
        OperationLogFile operationLog;
        try {
            OwnerOnly.createDirectories(paths.directory());
            lock = new StoreLock(paths, settings.seconds(Setting.JSON_LOCK_TIMEOUT));
            operationLog = new OperationLogFile(paths, settings.seconds(Setting.JSON_LOCK_TIMEOUT));
        } catch (IOException e) {
            throw FileErrors.cannotCreateDirectory(paths.directory(), paths.file(), e);
        }
        StateFile file = new StateFile(paths, settings, clock, settings.integer(Setting.JSON_BACKUPS));
        file.createIfNew(lock);
        JsonStateStore store = new JsonStateStore(file, lock, operationLog, file.load(),
                settings.seconds(Setting.EVENTS_POLL));
        try {
            store.renameLegacySpecs();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    /**
     * Renames, in one write, the specs that versions before Unicode names stored under another name ("über" as
     * "ber"), when the file has any: the json store's migration ({@link MemorySnapshot#withUnicodeSpecNames}).
     */
    private void renameLegacySpecs() {
        if (!snapshot().specRenames().renames().isEmpty()) {
            replaceAll(MemorySnapshot::withUnicodeSpecNames);
        }
    }

    /** Everything the store holds, as the file has it now. */
    MemorySnapshot snapshot() {
        return read(MemoryStateStore::snapshot);
    }

    /**
     * The operation log beside the file, {@code state.json.oplog} ({@link OperationLogFile}): JSON lines appended
     * under a lock of their own, so a log write never holds the store's lock.
     */
    @Override
    public OperationLogStorage operationLogStorage() {
        return operationLog;
    }

    /**
     * Export and import of every record and the change history through the memory model, all at once: an export
     * reads one version of the file, a load writes the file once.
     */
    @Override
    public Archive archive() {
        return new SnapshotArchive(BACKEND, () -> read(MemoryStateStore::contents),
                (records, history) -> writeRun(model -> model.replace(records, history)));
    }

    /**
     * The change history, saved in the file with the records (see {@link StateDocument.History}). Reads come from
     * the file as it is now; {@link EventLog#prune} is a write, which rewrites the file only when it removes
     * something; {@link EventLog#awaitAfter} is woken at once by this store's writes and finds those of other stores
     * and processes by checking the file's stamp every STATEKEEPER_EVENTS_POLL.
     */
    @Override
    public EventLog events() {
        return events;
    }

    /**
     * The request keys, saved in the file with the history; {@link RequestKeys#keepResponse} is a write, which
     * rewrites the file only when it keeps a response.
     */
    @Override
    public RequestKeys requestKeys() {
        return requestKeys;
    }

    /** The history and request keys as the file has them now. */
    EventJournal.State history() {
        return read(model -> model.journal().state());
    }

    private final class Events implements EventLog {
        @Override
        public EventBatch read(EventQuery query) {
            query.validate();
            return JsonStateStore.this.read(model -> model.journal().read(query));
        }

        @Override
        public long lastSequence() {
            return JsonStateStore.this.read(model -> model.journal().lastSequence());
        }

        @Override
        public long awaitAfter(long sequence, Duration timeout) throws InterruptedException {
            checkOpen();
            return signal.awaitAfter(sequence, timeout);
        }

        @Override
        public long prune(Duration olderThan) {
            Objects.requireNonNull(olderThan, "olderThan");
            return write(model -> model.journal().prune(olderThan), removed -> removed > 0); // keys: see write
        }
    }

    private final class Keys implements RequestKeys {
        @Override
        public Optional<KeptRequest> find(String key) {
            return read(model -> model.journal().find(key));
        }

        @Override
        public void keepResponse(String key, KeptRequest.Response response) {
            write(model -> {
                EventJournal journal = model.journal();
                boolean keeps = journal.find(key).filter(kept -> kept.response() == null).isPresent();
                if (keeps) {
                    journal.keepResponse(key, response);
                }
                return keeps;
            }, keeps -> keeps);
        }
    }

    /** Replaces every record with what {@code change} makes of the current ones, in one write of the file. */
    void replaceAll(UnaryOperator<MemorySnapshot> change) {
        writeRun(model -> model.replace(change));
    }

    private <T> T read(Function<MemoryStateStore, T> work) {
        synchronized (monitor) {
            checkOpen();
            return work.apply(fresh());
        }
    }

    private <T> T write(Function<MemoryStateStore, T> work) {
        return write(work, result -> true);
    }

    private void writeRun(Consumer<MemoryStateStore> work) {
        write(model -> {
            work.accept(model);
            return null;
        });
    }

    /**
     * Applies the work to the fresh model under the lock and saves the result when {@code changed} says so, or when
     * the work added events or kept a request key (a write that changed nothing); the new sequence is announced to
     * the followers once the file holds it. A refused or failed write leaves neither records nor events behind: a
     * refusal comes before the model changes, and after a failed save the model is dropped and the file read again.
     */
    @SuppressWarnings("try") // the lock is held for the block, never referenced in it
    private <T> T write(Function<MemoryStateStore, T> work, Predicate<T> changed) {
        checkOpen();
        try (StoreLock.Held held = lock.acquire()) {
            synchronized (monitor) {
                checkOpen();
                MemoryStateStore model = fresh();
                long generation = current.stamp().generation();
                long sequenceBefore = model.journal().lastSequence();
                int keysBefore = model.journal().keyCount();
                T result;
                try {
                    result = work.apply(model); // a refusal of the domain changes nothing
                } catch (RuntimeException e) {
                    if (!(e instanceof StatekeeperException)) {
                        current = null; // a bug may have left the model half-changed: read the file again
                    }
                    throw e;
                }
                long last = model.journal().lastSequence();
                if (changed.test(result) || last != sequenceBefore || model.journal().keyCount() != keysBefore) {
                    try {
                        current = new StateFile.Loaded(model, file.save(model, generation + 1));
                    } catch (RuntimeException e) {
                        current = null; // the model is ahead of the file: read the file again
                        throw e;
                    }
                    signal.announce(last);
                }
                return result;
            }
        }
    }

    private MemoryStateStore fresh() {
        if (current == null || !current.stamp().equals(file.stamp())) {
            current = file.load();
        }
        return current.model();
    }

    private void checkOpen() {
        if (closed) {
            throw Errors.closed(BACKEND);
        }
    }

    @Override
    public StoreInfo info() {
        return read(model -> new StoreInfo(BACKEND, file.path().toString(), String.valueOf(StateDocument.VERSION),
                model.info().counts(), file.sizes()));
    }

    @Override
    public Loop createLoop(NewLoop loop) {
        loop.validate();
        return write(model -> model.createLoop(loop));
    }

    @Override
    public Loop getLoop(String id) {
        return read(model -> model.getLoop(id));
    }

    @Override
    public Page<LoopSummary> listLoops(LoopQuery query) {
        return read(model -> model.listLoops(query));
    }

    @Override
    public List<LoopSummary> activeLoops() {
        return read(MemoryStateStore::activeLoops);
    }

    @Override
    public LoopSummary addFeedback(String loopId, CriticFeedback feedback, Long expectedVersion) {
        feedback.validate();
        return write(model -> model.addFeedback(loopId, feedback, expectedVersion));
    }

    @Override
    public Decision decide(String loopId, Long expectedVersion) {
        return write(model -> model.decide(loopId, expectedVersion));
    }

    @Override
    public void putObjectiveFeedback(String loopId, String text) {
        Loops.validateObjective(text);
        writeRun(model -> model.putObjectiveFeedback(loopId, text));
    }

    @Override
    public String getObjectiveFeedback(String loopId) {
        return read(model -> model.getObjectiveFeedback(loopId));
    }

    @Override
    public void deleteLoop(String id) {
        writeRun(model -> model.deleteLoop(id));
    }

    @Override
    public List<String> cleanLoops(Duration olderThan, boolean dryRun) {
        Retention.checkAge(olderThan);
        return dryRun ? read(model -> model.cleanLoops(olderThan, true))
                : write(model -> model.cleanLoops(olderThan, false), removed -> !removed.isEmpty());
    }

    @Override
    public Spec putSpec(String project, SpecContent content) {
        Specs.forFirstStore(project, content);
        return write(model -> model.putSpec(project, content));
    }

    @Override
    public Spec updateSpec(String project, String name, SpecContent content, Long expectedVersion) {
        return write(model -> model.updateSpec(project, name, content, expectedVersion));
    }

    @Override
    public Spec getSpec(String project, String name) {
        return read(model -> model.getSpec(project, name));
    }

    @Override
    public Page<Spec> listSpecs(SpecQuery query) {
        return read(model -> model.listSpecs(query));
    }

    @Override
    public List<Spec> specHistory(String project, String name) {
        return read(model -> model.specHistory(project, name));
    }

    @Override
    public Spec resolveSpec(String project, String partialName) {
        return read(model -> model.resolveSpec(project, partialName));
    }

    @Override
    public void deleteSpec(String project, String name) {
        writeRun(model -> model.deleteSpec(project, name));
    }

    @Override
    public void linkLoop(String loopId, String project, String specName) {
        writeRun(model -> model.linkLoop(loopId, project, specName));
    }

    @Override
    public void unlinkLoop(String loopId) {
        writeRun(model -> model.unlinkLoop(loopId));
    }

    @Override
    public Spec specForLoop(String loopId) {
        return read(model -> model.specForLoop(loopId));
    }

    @Override
    public Roadmap putRoadmap(String project, RoadmapContent content, Long expectedVersion) {
        Projects.checkRoadmapInput(project, content);
        return write(model -> model.putRoadmap(project, content, expectedVersion));
    }

    @Override
    public Roadmap getRoadmap(String project) {
        return read(model -> model.getRoadmap(project));
    }

    @Override
    public ProjectPlan putPlan(String project, PlanContent content, Long expectedVersion) {
        Projects.checkPlanInput(project, content);
        return write(model -> model.putPlan(project, content, expectedVersion));
    }

    @Override
    public ProjectPlan getPlan(String project) {
        return read(model -> model.getPlan(project));
    }

    @Override
    public Page<ProjectPlan> listPlans(PlanQuery query) {
        return read(model -> model.listPlans(query));
    }

    @Override
    public void deletePlan(String project) {
        writeRun(model -> model.deletePlan(project));
    }

    @Override
    public Session startSession(NewSession session) {
        session.validate();
        return write(model -> model.startSession(session));
    }

    @Override
    public Session getSession(String name) {
        return read(model -> model.getSession(name));
    }

    @Override
    public Page<Session> listSessions(SessionQuery query) {
        return read(model -> model.listSessions(query));
    }

    @Override
    public Session endSession(String name) {
        return write(model -> model.endSession(name));
    }

    @Override
    public List<String> cleanSessions(Duration olderThan, boolean dryRun) {
        Retention.checkAge(olderThan);
        return dryRun ? read(model -> model.cleanSessions(olderThan, true))
                : write(model -> model.cleanSessions(olderThan, false), removed -> !removed.isEmpty());
    }

    @Override
    public void close() {
        synchronized (monitor) {
            closed = true;
            current = null;
        }
    }
}
