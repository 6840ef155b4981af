package dev.statekeeper.cli.support;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** {@code --version}: Statekeeper's version (from the build) and the Java runtime it runs on. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        return new String[] {
            "statekeeper " + version(),
            "java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
        };
    }

    /** Statekeeper's version as the build wrote it, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        Properties build = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/dev/statekeeper/cli/version.properties")) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException e) {
            return "(unknown version)";
        }
        return build.getProperty("version", "(unknown version)");
    }
}
