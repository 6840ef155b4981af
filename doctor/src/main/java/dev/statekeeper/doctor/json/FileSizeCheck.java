package dev.statekeeper.doctor.json;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.doctor.Check;
import dev.statekeeper.doctor.CheckContext;
import dev.statekeeper.doctor.CheckResult;
import dev.statekeeper.doctor.Fix;
import dev.statekeeper.doctor.Severity;

import java.io.IOException;
import java.nio.file.Files;

/**
 * {@code file-size}: the json store rewrites its whole file on every write (and keeps STATEKEEPER_JSON_BACKUPS
 * copies of it), so each write costs O(size). P3 above STATEKEEPER_DOCTOR_JSON_MAX_MB: time to move to SQLite.
 */
final class FileSizeCheck implements Check<JsonHandle> {
    private static final long MIB = 1024 * 1024;

    @Override
    public String id() {
        return "file-size";
    }

    @Override
    public String title() {
        return "Size of the json store's file";
    }

    @Override
    public boolean cheap() {
        return true;
    }

    @Override
    public CheckResult run(JsonHandle handle, CheckContext context) throws IOException {
        long bytes = Files.size(handle.file());
        int limit = context.integer(Setting.DOCTOR_JSON_MAX_MB);
        CheckResult.Builder result = CheckResult.of(this).evidence("bytes", bytes)
                .threshold("<= " + limit + " MiB (" + context.named(Setting.DOCTOR_JSON_MAX_MB) + ")");
        if (bytes <= limit * MIB) {
            return result.ok("the file is " + bytes + " bytes");
        }
        String sqlite = handle.file().resolveSibling("state.db").toString();
        return result.runbook("every write rewrites the whole file and its backups; move the records to SQLite, which "
                        + "writes only what changed: 'statekeeper db copy --to sqlite:" + sqlite + " --switch' copies, "
                        + "verifies and makes it the configured store (the json file is left as it is)")
                .fix(Fix.manual("statekeeper db copy --to sqlite:" + sqlite + " --switch",
                        "statekeeper config set STATEKEEPER_BACKEND json (and unset DATABASE_URL if the copy set it)"))
                .finding(Severity.P3, "the file is " + bytes / MIB + " MiB (over " + limit + " MiB): every write "
                        + "rewrites all of it");
    }
}
