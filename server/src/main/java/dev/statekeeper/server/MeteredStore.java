package dev.statekeeper.server;

import dev.statekeeper.core.api.StateStore;
import dev.statekeeper.core.error.StatekeeperException;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link StateStore} that times every operation of the store it wraps into
 * {@code statekeeper_store_operations_seconds}, with the outcome {@code ok} or the error code. A dynamic proxy,
 * so a new store operation is metered without a change here. A default method the store overrides (such as
 * {@code ping}) is the store's own operation and timed; one it inherits is a convenience that calls another
 * operation, which is timed. {@code poolStats} reads counters in memory, no operation: it is not timed.
 */
final class MeteredStore implements InvocationHandler {
    private static final Set<String> UNTIMED = Set.of("poolStats");

    private final StateStore store;
    private final Metrics metrics;
    private final ConcurrentMap<Method, Boolean> inherited = new ConcurrentHashMap<>();

    private MeteredStore(StateStore store, Metrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    static StateStore wrap(StateStore store, Metrics metrics) {
        return (StateStore) Proxy.newProxyInstance(StateStore.class.getClassLoader(), new Class<?>[]{StateStore.class},
                new MeteredStore(store, metrics));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "metered " + store;
            };
        }
        if (method.isDefault() && inherited.computeIfAbsent(method, this::inherited)) {
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        if (UNTIMED.contains(method.getName())) {
            try {
                return method.invoke(store, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
        long start = System.nanoTime();
        String outcome = "ok";
        try {
            return method.invoke(store, args);
        } catch (InvocationTargetException e) {
            outcome = e.getCause() instanceof StatekeeperException s ? s.code().wire() : "internal";
            throw e.getCause();
        } finally {
            metrics.storeOperation(method.getName(), outcome, System.nanoTime() - start);
        }
    }

    /** Whether the store keeps the interface's default of this method rather than its own. */
    private boolean inherited(Method method) {
        try {
            return store.getClass().getMethod(method.getName(), method.getParameterTypes()).isDefault();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("the store implements StateStore, so it has " + method, e);
        }
    }
}
