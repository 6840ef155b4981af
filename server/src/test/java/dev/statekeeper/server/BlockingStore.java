package dev.statekeeper.server;

import dev.statekeeper.core.api.StateStore;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A store that, while armed, holds every call of one operation until released: it counts down {@link #entered}
 * and waits on the release latch. Everything else goes straight to the real store it wraps.
 */
final class BlockingStore {
    final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    final StateStore store;

    BlockingStore(StateStore real, String operation) {
        this.store = (StateStore) Proxy.newProxyInstance(StateStore.class.getClassLoader(),
                new Class<?>[]{StateStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals(operation)) {
                        entered.countDown();
                        if (!release.await(60, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("the test never released " + operation);
                        }
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    void release() {
        release.countDown();
    }
}
