package dev.slamonitor.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Exclusive ownership of the launcher's data directory, taken before anything else starts: the
 * embedded broker's metadata log and the Streams state must never have two writers. The operating
 * system releases the lock when the process dies, so a crash leaves no stale lock behind; the file
 * itself stays and only carries the owner's pid for the message a second launcher prints.
 */
public final class DataDirLock implements AutoCloseable {

    public static final String FILE_NAME = ".sla-monitor.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock or throws {@link DataDirInUseException} at once (never waits). */
    public static DataDirLock acquire(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            Files.createDirectories(dataDir);
            // No TRUNCATE: a refused second launcher must not wipe the owner's pid.
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this very JVM
            }
            if (lock == null) {
                String owner = readOwner(channel);
                channel.close();
                throw new DataDirInUseException(dataDir, file, owner);
            }
            byte[] pid = Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(pid), 0);
            channel.force(false);
            return new DataDirLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("Cannot lock data directory " + dataDir + " (" + file + ")", e);
        }
    }

    private static String readOwner(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        channel.read(buffer, 0);
        String pid = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
        return pid.matches("\\d+") ? pid : "unknown";
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing; the original error is what matters
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot release the data directory lock", e);
        }
    }

    /** Another launcher (pid in the message) owns the data directory. */
    public static final class DataDirInUseException extends RuntimeException {

        DataDirInUseException(Path dataDir, Path file, String ownerPid) {
            super("Data directory " + dataDir + " is in use by another SLA monitor (pid " + ownerPid + ", lock "
                    + file + "). Stop that one first, or give this one its own directory with standalone.data.dir=<path>"
                    + " (or SLAMON_STANDALONE_DATA_DIR).");
        }
    }
}
