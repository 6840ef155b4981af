package dev.statekeeper.bench.doctor;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A copy of a doctor backend's handle whose JDBC connection counts statements ({@link CountingConnection}). The
 * handles are package-private classes of the doctor module (SqliteHandle, a record; PostgresHandle), each with one
 * constructor taking its fields in declaration order: the copy is made with that constructor, reflectively, so the
 * doctor module stays as it is. A handle of another shape fails loudly, naming its class.
 */
final class CountingHandles {
    private CountingHandles() {
    }

    static Object counting(Object handle, AtomicLong counter) {
        Class<?> type = handle.getClass();
        List<Field> fields = new ArrayList<>();
        for (Field f : type.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                fields.add(f);
            }
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(fields.stream().map(Field::getType)
                    .toArray(Class<?>[]::new));
            constructor.setAccessible(true);
            Object[] values = new Object[fields.size()];
            int connections = 0;
            for (int i = 0; i < values.length; i++) {
                Field f = fields.get(i);
                f.setAccessible(true);
                values[i] = f.get(handle);
                if (f.getType() == Connection.class) {
                    values[i] = CountingConnection.wrap((Connection) values[i], counter);
                    connections++;
                }
            }
            if (connections != 1) {
                throw new IllegalStateException(type.getName() + " has " + connections + " Connection fields, not 1");
            }
            return constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot copy the doctor's handle " + type.getName()
                    + " with a counting connection: " + e, e);
        }
    }
}
