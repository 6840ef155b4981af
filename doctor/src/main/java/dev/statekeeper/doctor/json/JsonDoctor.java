package dev.statekeeper.doctor.json;

import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.doctor.Check;
import dev.statekeeper.doctor.CheckContext;
import dev.statekeeper.doctor.Connected;
import dev.statekeeper.doctor.DoctorBackend;
import dev.statekeeper.doctor.common.DiskSpaceCheck;
import dev.statekeeper.doctor.common.FileKind;
import dev.statekeeper.core.perf.OperationLog;
import dev.statekeeper.json.JsonStateStore;
import dev.statekeeper.json.JsonStoreProvider;
import dev.statekeeper.ops.json.JsonFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * The doctor's checks of a json store: the file is there and readable ({@code connection}), parses as a store of this
 * build's format ({@code parse}), its size ({@code file-size}), the free space beside it ({@code disk-space}) and its
 * writers' lock ({@code lock}). Nothing is opened for writing, and the lock is looked up, never taken.
 */
public final class JsonDoctor implements DoctorBackend<JsonHandle> {
    private static final String LOCATE = "point STATEKEEPER_DATA_DIR at the directory of the store's state.json";

    @Override
    public String backend() {
        return JsonStoreProvider.NAME;
    }

    @Override
    public Optional<OperationLog> storedOperationLog(JsonHandle handle, CheckContext context) {
        return Optional.of(JsonStateStore.storedOperationLog(context.settings(), context.clock()));
    }

    @Override
    public Connected<JsonHandle> connect(CheckContext context) {
        Path file = JsonFiles.file(context.settings());
        String subject = "json store '" + file + "'";
        String kind = FileKind.irregular(file);
        if (!Files.exists(file)) {
            return Connected.failed(new StatekeeperException(ErrorCode.CANNOT_OPEN, subject + " does not exist"),
                    "create it with 'statekeeper init', " + LOCATE + ", or put a backup in its place (cp '"
                            + file + ".1' '" + file + "')");
        }
        if (kind != null) {
            return Connected.failed(new StatekeeperException(ErrorCode.CANNOT_OPEN, subject + " is " + kind
                    + ", not a file"), LOCATE);
        }
        long start = System.nanoTime();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.read(ByteBuffer.allocate(1));
            return Connected.to(new JsonHandle(file), Connected.check().threshold("the file can be read")
                    .evidence("file", file.toString()).evidence("bytes", channel.size())
                    .evidence("openMs", (System.nanoTime() - start) / 1_000_000)
                    .ok(subject + " can be read"));
        } catch (IOException e) {
            return Connected.failed(new StatekeeperException(ErrorCode.CANNOT_OPEN, "cannot read " + subject + ": "
                    + (e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.toString()), e),
                    "make it readable by the user running statekeeper: chmod u+r '" + file + "'");
        }
    }

    @Override
    public List<Check<? super JsonHandle>> checks() {
        return List.of(new ParseCheck(), new FileSizeCheck(),
                new DiskSpaceCheck(settings -> JsonFiles.file(settings).getParent()), new LockCheck());
    }
}
