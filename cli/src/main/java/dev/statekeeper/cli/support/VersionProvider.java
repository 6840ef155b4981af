package dev.statekeeper.cli.support;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * {@code --version}: Statekeeper's version, the commit it was built from and when (as the build wrote them into
 * {@code version.properties}; {@code unknown} when it was built without git) and the Java runtime it runs on.
 */
public final class VersionProvider implements IVersionProvider {
    private static final String UNKNOWN = "unknown";

    @Override
    public String[] getVersion() {
        Properties build = build();
        return new String[] {
            "statekeeper " + value(build, "version", "(unknown version)") + " (commit " + value(build, "commit", UNKNOWN)
                    + ", built " + value(build, "built", UNKNOWN) + ")",
            "java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
        };
    }

    /** Statekeeper's version as the build wrote it, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        return value(build(), "version", "(unknown version)");
    }

    private static Properties build() {
        Properties build = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/dev/statekeeper/cli/version.properties")) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException e) {
            build.clear();
        }
        return build;
    }

    /** A value the build wrote; a placeholder it did not fill (a build without the filtering) reads as unknown. */
    private static String value(Properties build, String key, String unknown) {
        String value = build.getProperty(key, "").strip();
        return value.isEmpty() || value.startsWith("${") ? unknown : value;
    }
}
