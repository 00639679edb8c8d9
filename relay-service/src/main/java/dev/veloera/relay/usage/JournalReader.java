package dev.veloera.relay.usage;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the journal forward from a position, never past what the writer has completed. One thread
 * uses a reader; it keeps the segment it reads open.
 */
final class JournalReader implements AutoCloseable {

    /** Entries read, in order, and where to read next (past the last entry, or past a damaged segment's end). */
    record Batch(List<JournalEntry> entries, long next) {
    }

    private static final Logger log = LoggerFactory.getLogger(JournalReader.class);
    private static final int CHUNK = 1 << 20;

    private final JournalSegments segments;
    private final LongSupplier end;
    private ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
    private long openBase = -1;
    private RandomAccessFile open;

    JournalReader(JournalSegments segments, LongSupplier end) {
        this.segments = segments;
        this.end = end;
    }

    /** Up to about {@code maxBytes} of complete records from {@code from} on; none if nothing is there yet. */
    Batch read(long from, int maxBytes) {
        long limit = end.getAsLong();
        Map.Entry<Long, Path> segment = segments.segmentOf(from);
        if (segment == null) {
            long first = segments.firstBase();
            log.warn("Usage journal position {} lies before the oldest segment ({}); reading from there.", from, first);
            return new Batch(List.of(), first);
        }
        long base = segment.getKey();
        long segmentEnd = Math.min(segments.endOf(base), limit);
        if (from >= segmentEnd) {
            return new Batch(List.of(), from);
        }
        try {
            RandomAccessFile file = file(base, segment.getValue());
            int wanted = (int) Math.min(segmentEnd - from, Math.max(maxBytes, JournalFrame.HEADER));
            if (buffer.capacity() < wanted) {
                buffer = ByteBuffer.allocate(wanted);
            }
            buffer.clear().limit(wanted);
            int read = file.getChannel().read(buffer, from - base);
            buffer.flip();
            List<JournalEntry> entries = new ArrayList<>();
            long position = from;
            JournalFrame.Decoded decoded;
            while ((decoded = JournalFrame.decode(buffer, position)).kind() == JournalFrame.Kind.COMPLETE) {
                entries.add(decoded.entry());
                position = decoded.entry().next();
            }
            boolean hasSuccessor = segments.endOf(base) != Long.MAX_VALUE;
            boolean damaged = decoded.kind() == JournalFrame.Kind.INVALID
                    || (decoded.kind() == JournalFrame.Kind.INCOMPLETE
                        && (read < wanted || position + decoded.needed() > segments.endOf(base)));
            if (damaged && hasSuccessor) {
                // only an OS crash before the background fsync can leave this in a segment that has a successor
                long skipTo = segments.endOf(base);
                log.error("Usage journal segment {} is damaged at position {}: {} bytes up to the next segment "
                        + "are skipped and their usage records lost.", segment.getValue(), position, skipTo - position);
                return new Batch(entries, skipTo);
            }
            if (entries.isEmpty() && decoded.kind() == JournalFrame.Kind.INCOMPLETE && decoded.needed() > wanted) {
                return read(from, decoded.needed());
            }
            return new Batch(entries, position);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the usage journal segment " + segment.getValue(), e);
        }
    }

    private RandomAccessFile file(long base, Path path) throws IOException {
        if (openBase != base) {
            close();
            open = new RandomAccessFile(path.toFile(), "r");
            openBase = base;
        }
        return open;
    }

    @Override
    public void close() {
        if (open != null) {
            try {
                open.close();
            } catch (IOException e) {
                log.debug("Closing a usage journal segment: {}", e.toString());
            }
            open = null;
            openBase = -1;
        }
    }
}
