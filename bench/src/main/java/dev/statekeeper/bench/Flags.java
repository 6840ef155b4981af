package dev.statekeeper.bench;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The load drivers' command lines: {@code --name=value} arguments, each optional unless a driver says otherwise. */
public final class Flags {
    private Flags() {
    }

    /**
     * The arguments by name; an argument that is not {@code --name=value} with one of {@code names}, or a name given
     * twice, is refused with {@code usage}.
     */
    public static Map<String, String> values(String[] args, Set<String> names, String usage) {
        Map<String, String> values = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String name = arg.startsWith("--") && eq > 2 ? arg.substring(2, eq) : null;
            if (name == null || !names.contains(name)) {
                throw new IllegalArgumentException("unknown argument '" + arg + "'\n" + usage);
            }
            if (values.put(name, arg.substring(eq + 1)) != null) {
                throw new IllegalArgumentException("--" + name + " given twice");
            }
        }
        return values;
    }

    /**
     * A driver's options parsed from its arguments; what {@code parse} refuses is printed on stderr and the process
     * exits with status 2, as a usage error does.
     */
    public static <T> T parseOrExit(String[] args, Function<String[], T> parse) {
        try {
            return parse.apply(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            throw e; // not reached
        }
    }

    /** A comma-separated list, each item trimmed and parsed, repeated items dropped. */
    public static <T> List<T> list(String text, Function<String, T> parse) {
        return Arrays.stream(text.split(",")).map(String::trim).map(parse).distinct().toList();
    }

    /**
     * The constant of {@code type} whose label is {@code text}; any other text is refused naming every label, e.g.
     * {@code no mode 'x' (http, in-process)}.
     */
    public static <E extends Enum<E>> E choice(String what, Class<E> type, Function<E, String> label, String text) {
        E[] constants = type.getEnumConstants();
        return Arrays.stream(constants).filter(c -> label.apply(c).equals(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + what + " '" + text + "' ("
                        + Arrays.stream(constants).map(label).collect(Collectors.joining(", ")) + ")"));
    }

    /** The value of {@code --name}: a whole number of at least 1. */
    public static int positive(String name, String text) {
        return number(name, text, 1);
    }

    /** The value of {@code --name}: a whole number of at least {@code min}. */
    public static int number(String name, String text, int min) {
        try {
            int value = Integer.parseInt(text);
            if (value >= min) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--" + name + " must be a whole number >= " + min + ", not '" + text + "'");
    }
}
