package dev.veloera.relay.usage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A durable, append-only file of usage records that could not reach Kafka. Each record is one line
 * {@code key TAB json}, fsync'd before {@link #append} returns. A position file remembers how far a
 * replay got, so a restart resends at most one batch (consumers dedupe on {@code requestId}). When
 * everything has been replayed the file is truncated.
 */
final class UsageSpool implements AutoCloseable {

    record Entry(String key, String value, long endOffset) {
    }

    static final String FILE_NAME = "usage.spool";
    private static final String POSITION_FILE = "usage.spool.pos";

    private final Path file;
    private final Path positionFile;
    private final ReentrantLock lock = new ReentrantLock();
    private FileChannel channel;
    private long position;

    UsageSpool(Path directory) {
        try {
            Files.createDirectories(directory);
            this.file = directory.resolve(FILE_NAME);
            this.positionFile = directory.resolve(POSITION_FILE);
            this.channel = open();
            dropTornTail();
            this.position = Math.min(readPosition(), channel.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the usage spool in " + directory, e);
        }
    }

    Path file() {
        return file;
    }

    /**
     * Appends one record and returns once it is on disk ({@code fsync}). Called on request threads: an
     * interrupt pending on the caller is set aside for the write (a {@link FileChannel} closes itself when
     * its user is interrupted), and a channel closed that way by an earlier caller is reopened.
     */
    void append(String key, String value) {
        byte[] line = (key + '\t' + value + '\n').getBytes(StandardCharsets.UTF_8);
        boolean interrupted = Thread.interrupted();
        lock.lock();
        try {
            try {
                write(line);
            } catch (ClosedChannelException e) {
                // interrupted mid-write: the channel is closed and may hold part of this line, which reopen() drops
                interrupted |= Thread.interrupted();
                write(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the usage spool " + file, e);
        } finally {
            lock.unlock();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void write(byte[] line) throws IOException {
        FileChannel out = channel();
        ByteBuffer buffer = ByteBuffer.wrap(line);
        long at = out.size();
        while (buffer.hasRemaining()) {
            at += out.write(buffer, at);
        }
        out.force(false);
    }

    /** The open channel; one closed by an interrupt (or by {@link #close}) is reopened. Call with the lock held. */
    private FileChannel channel() throws IOException {
        if (!channel.isOpen()) {
            channel = open();
            dropTornTail();
        }
        return channel;
    }

    private FileChannel open() throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    boolean hasPending() {
        lock.lock();
        try {
            return channel().size() > position;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.unlock();
        }
    }

    long pendingBytes() {
        lock.lock();
        try {
            return Math.max(channel().size() - position, 0);
        } catch (IOException e) {
            return -1;
        } finally {
            lock.unlock();
        }
    }

    /** Up to {@code max} complete records after the replay position, in the order they were written. */
    List<Entry> next(int max) {
        lock.lock();
        try {
            FileChannel in = channel();
            long size = in.size();
            List<Entry> entries = new ArrayList<>();
            long offset = position;
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(size - offset, 4 << 20));
            in.read(buffer, offset);
            byte[] bytes = buffer.array();
            int start = 0;
            for (int i = 0; i < buffer.position() && entries.size() < max; i++) {
                if (bytes[i] == '\n') {
                    String line = new String(bytes, start, i - start, StandardCharsets.UTF_8);
                    int tab = line.indexOf('\t');
                    offset = position + i + 1;
                    if (tab > 0) {
                        entries.add(new Entry(line.substring(0, tab), line.substring(tab + 1), offset));
                    }
                    start = i + 1;
                }
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the usage spool " + file, e);
        } finally {
            lock.unlock();
        }
    }

    /** Records everything up to {@code endOffset} as delivered; truncates the file once all is. */
    void acknowledge(long endOffset) {
        lock.lock();
        try {
            position = endOffset;
            FileChannel out = channel();
            if (position >= out.size()) {
                out.truncate(0);
                out.force(true);
                position = 0;
            }
            writePosition(position);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update the usage spool position " + positionFile, e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            channel.close();
        } finally {
            lock.unlock();
        }
    }

    /** A crash mid-append leaves a line without its newline: that record was never acknowledged to anyone. */
    private void dropTornTail() throws IOException {
        long size = channel.size();
        if (size == 0) {
            return;
        }
        ByteBuffer last = ByteBuffer.allocate(1);
        channel.read(last, size - 1);
        if (last.get(0) == '\n') {
            return;
        }
        long keep = size - 1;
        ByteBuffer one = ByteBuffer.allocate(1);
        while (keep > 0) {
            one.clear();
            channel.read(one, keep - 1);
            if (one.get(0) == '\n') {
                break;
            }
            keep--;
        }
        channel.truncate(keep);
        channel.force(true);
    }

    private long readPosition() throws IOException {
        if (!Files.exists(positionFile)) {
            return 0;
        }
        try {
            return Long.parseLong(Files.readString(positionFile).trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void writePosition(long value) throws IOException {
        Path temp = positionFile.resolveSibling(POSITION_FILE + ".tmp");
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(ByteBuffer.wrap(Long.toString(value).getBytes(StandardCharsets.US_ASCII)));
            out.force(true);
        }
        Files.move(temp, positionFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
