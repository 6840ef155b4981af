package dev.statekeeper.cli.testmem;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.api.StateStoreProvider;
import dev.statekeeper.core.api.StoreInfo;
import dev.statekeeper.core.internal.archive.SnapshotArchive;
import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.config.Settings;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.internal.events.EventJournal;
import dev.statekeeper.core.internal.memory.MemorySnapshot;
import dev.statekeeper.core.internal.memory.MemoryStateStore;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A fifth backend that exists only in the tests, registered in {@code testmem/META-INF/services} (so that only a
 * class loader that adds that directory finds it, as a jar on the class path would add it): {@code testmem:NAME}, in
 * DATABASE_URL or as a target, names a store kept in this JVM, whose records a store of that name finds again when it
 * is opened after another was closed. The records live in a {@link MemoryStateStore}, which applies the domain's
 * rules; the store says it is a testmem one.
 */
public final class TestMemProvider implements StateStoreProvider {
    static final String NAME = "testmem";
    static final String SCHEME = NAME + ":";
    /** What each named store held when it was last closed. */
    private static final Map<String, SnapshotArchive.Contents> STORES = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> schemes() {
        return List.of(SCHEME);
    }

    @Override
    public String example() {
        return SCHEME + "NAME";
    }

    @Override
    public boolean takesDatabaseUrl() {
        return true;
    }

    @Override
    public String urlProblem(String url) {
        return url.length() > SCHEME.length() ? null : "must name a store after " + SCHEME;
    }

    @Override
    public Map<Setting, String> locate(String url) {
        return Map.of(Setting.DATABASE_URL, url);
    }

    @Override
    public String location(Settings settings) {
        return Setting.DATABASE_URL.display(settings.raw(Setting.DATABASE_URL));
    }

    @Override
    public StateStore open(Settings settings, Clock clock) {
        String url = settings.raw(Setting.DATABASE_URL);
        if (!claims(url) || urlProblem(url) != null) {
            throw new StatekeeperException(ErrorCode.CONFIG_INVALID, "the testmem backend needs DATABASE_URL = "
                    + example());
        }
        String name = url.substring(SCHEME.length());
        SnapshotArchive.Contents kept = STORES.getOrDefault(name,
                new SnapshotArchive.Contents(MemorySnapshot.empty(), EventJournal.State.empty()));
        MemoryStateStore records = MemoryStateStore.restore(settings, clock, kept.records());
        records.journal().restore(kept.history());
        AtomicBoolean open = new AtomicBoolean(true);
        return (StateStore) Proxy.newProxyInstance(StateStore.class.getClassLoader(), new Class<?>[] {StateStore.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "info" -> new StoreInfo(NAME, url, null, records.info().counts());
                    case "archive" -> new SnapshotArchive(NAME, records::contents, records::replace);
                    case "close" -> {
                        if (open.getAndSet(false)) {
                            STORES.put(name, records.contents());
                            records.close();
                        }
                        yield null;
                    }
                    default -> {
                        try {
                            yield method.invoke(records, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    }
                });
    }
}
