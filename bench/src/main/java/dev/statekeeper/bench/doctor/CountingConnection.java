package dev.statekeeper.bench.doctor;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A JDBC connection that counts the statements executed through it: every {@code execute*} call of a statement it
 * created ({@code createStatement}, {@code prepareStatement}, {@code prepareCall}) adds one. Everything else goes to
 * the real connection unchanged, {@code unwrap} too (the doctor's interrupt unwraps the driver's connection).
 */
final class CountingConnection {
    private CountingConnection() {
    }

    static Connection wrap(Connection real, AtomicLong counter) {
        return (Connection) Proxy.newProxyInstance(CountingConnection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    Object result = call(real, method, args);
                    if (result instanceof Statement statement && method.getReturnType().isInterface()
                            && Statement.class.isAssignableFrom(method.getReturnType())) {
                        return statement(statement, method.getReturnType(), counter);
                    }
                    return result;
                });
    }

    private static Object statement(Statement real, Class<?> type, AtomicLong counter) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().startsWith("execute")) {
                counter.incrementAndGet();
            }
            return call(real, method, args);
        };
        return Proxy.newProxyInstance(CountingConnection.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
