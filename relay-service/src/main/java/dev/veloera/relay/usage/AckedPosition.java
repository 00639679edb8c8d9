package dev.veloera.relay.usage;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The persisted "acknowledged position": everything before it reached Kafka. A small fixed-size file
 * of two checksummed slots written in turn and fsync'd, so that a write torn by a crash leaves the
 * other slot, one step older, to read. An older position only means a few records are sent twice.
 */
final class AckedPosition implements AutoCloseable {

    static final String FILE_NAME = "acked.position";
    private static final int SLOT = 16;

    private final RandomAccessFile file;
    private long written;
    private int nextSlot;

    AckedPosition(Path directory) {
        try {
            this.file = new RandomAccessFile(directory.resolve(FILE_NAME).toFile(), "rw");
            long[] slots = {readSlot(0), readSlot(1)};
            this.written = Math.max(slots[0], slots[1]);
            this.nextSlot = slots[0] > slots[1] ? 1 : 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the usage journal's position in " + directory, e);
        }
    }

    /** The last position written, or -1 if none was. */
    long read() {
        return written;
    }

    /** Writes the position and returns once it is on disk. Called by one thread at a time. */
    void write(long position) throws IOException {
        ByteBuffer slot = ByteBuffer.allocate(SLOT).putLong(position).putInt(checksum(position)).putInt(0);
        file.seek((long) nextSlot * SLOT);
        file.write(slot.array());
        file.getFD().sync();
        written = position;
        nextSlot ^= 1;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }

    private long readSlot(int index) throws IOException {
        if (file.length() < (long) (index + 1) * SLOT) {
            return -1;
        }
        file.seek((long) index * SLOT);
        long position = file.readLong();
        return file.readInt() == checksum(position) && position >= 0 ? position : -1;
    }

    private static int checksum(long position) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(8).putLong(0, position));
        return (int) crc.getValue();
    }
}
