package dev.veloera.relay.usage;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal's segment files in one directory. A journal position is a byte offset over the whole
 * journal; each segment is named after the position of its first byte ({@code 00000000000067108864.journal}),
 * so a segment ends where the next one begins. Only the last segment is written to.
 */
final class JournalSegments {

    private static final Logger log = LoggerFactory.getLogger(JournalSegments.class);
    private static final String SUFFIX = ".journal";
    private static final Pattern NAME = Pattern.compile("\\d{20}\\" + SUFFIX);

    private final Path directory;
    private final NavigableMap<Long, Path> segments = new ConcurrentSkipListMap<>();

    JournalSegments(Path directory) {
        this.directory = directory;
        try (Stream<Path> files = Files.list(directory)) {
            files.filter(file -> NAME.matcher(file.getFileName().toString()).matches())
                    .forEach(file -> segments.put(baseOf(file), file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the usage journal " + directory, e);
        }
    }

    Path directory() {
        return directory;
    }

    boolean isEmpty() {
        return segments.isEmpty();
    }

    long firstBase() {
        return segments.firstKey();
    }

    long lastBase() {
        return segments.lastKey();
    }

    /** The segment holding {@code position}, or null if it was deleted. */
    Map.Entry<Long, Path> segmentOf(long position) {
        return segments.floorEntry(position);
    }

    /** Where the segment starting at {@code base} ends, or MAX_VALUE for the last one. */
    long endOf(long base) {
        Long next = segments.higherKey(base);
        return next == null ? Long.MAX_VALUE : next;
    }

    /** Creates the (empty) segment starting at {@code base} and makes it the last. */
    Path create(long base) throws IOException {
        Path file = directory.resolve(String.format("%020d%s", base, SUFFIX));
        Files.deleteIfExists(file);
        Files.createFile(file);
        segments.put(base, file);
        return file;
    }

    /** Deletes every segment that ends at or before {@code position}; never the last. Returns how many. */
    int deleteBefore(long position) {
        int deleted = 0;
        for (Map.Entry<Long, Path> segment : segments.headMap(segments.lastKey(), false).entrySet()) {
            if (endOf(segment.getKey()) > position) {
                break;
            }
            try {
                Files.deleteIfExists(segment.getValue());
                segments.remove(segment.getKey());
                deleted++;
            } catch (IOException e) {
                log.warn("Cannot delete the acknowledged usage journal segment {}: {}", segment.getValue(), e.toString());
                break;
            }
        }
        return deleted;
    }

    /**
     * Scans the last segment and cuts it after its last complete record: a crash may have left a
     * torn record, or (after an OS crash) zeros, at its end. Returns the journal position after it.
     */
    long recoverLast() throws IOException {
        long base = lastBase();
        Path file = segments.get(base);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            long valid = 0;
            ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
            while (valid < size) {
                buffer.clear();
                channel.read(buffer, valid);
                buffer.flip();
                int before = buffer.position();
                JournalFrame.Decoded decoded = JournalFrame.decode(buffer, base + valid);
                while (decoded.kind() == JournalFrame.Kind.COMPLETE) {
                    decoded = JournalFrame.decode(buffer, base + valid + buffer.position() - before);
                }
                long read = buffer.position() - before;
                valid += read;
                boolean torn = decoded.kind() == JournalFrame.Kind.INVALID || valid + decoded.needed() > size;
                if (torn) {
                    break;
                }
                if (decoded.needed() > buffer.capacity()) {
                    buffer = ByteBuffer.allocate(decoded.needed());
                }
            }
            if (valid < size) {
                log.warn("Usage journal {}: dropped {} bytes of a record torn by a crash at its end.", file, size - valid);
                channel.truncate(valid);
                channel.force(true);
            }
            return base + valid;
        }
    }

    /** The append time of the record at {@code position}, or -1 if it cannot be read. */
    long appendedAtMicros(long position) {
        Map.Entry<Long, Path> segment = segmentOf(position);
        if (segment == null) {
            return -1;
        }
        try (RandomAccessFile file = new RandomAccessFile(segment.getValue().toFile(), "r")) {
            file.seek(position - segment.getKey() + JournalFrame.HEADER);
            return file.readLong();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Makes the directory's entries (a new segment, a deleted one) durable. */
    void syncDirectory() throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    private static long baseOf(Path file) {
        String name = file.getFileName().toString();
        return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
    }
}
