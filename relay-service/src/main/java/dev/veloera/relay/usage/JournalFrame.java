package dev.veloera.relay.usage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The journal's record framing: {@code int length, int crc32c, body} where the body is
 * {@code long appendedAtMicros, short keyLength, key, value}. The length and checksum let a reader
 * tell a complete record from one torn by a crash (or bytes never written before an OS crash,
 * which read as zeros): such a tail is dropped on reopen.
 */
final class JournalFrame {

    static final int HEADER = 8;
    private static final int BODY_PREFIX = 10;
    /** Far above any usage record; a larger length can only be garbage. */
    static final int MAX_BODY = 16 << 20;

    /** What {@link #decode} found at a position. */
    enum Kind { COMPLETE, INCOMPLETE, INVALID }

    record Decoded(Kind kind, JournalEntry entry, int needed) {
    }

    private JournalFrame() {
    }

    static byte[] encode(String key, byte[] value, long appendedAtMicros) {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        int body = BODY_PREFIX + keyBytes.length + value.length;
        if (keyBytes.length > Short.MAX_VALUE || body > MAX_BODY) {
            throw new IllegalArgumentException("usage record too large for the journal: " + body + " bytes");
        }
        byte[] frame = new byte[HEADER + body];
        ByteBuffer buffer = ByteBuffer.wrap(frame);
        buffer.putInt(body).putInt(0).putLong(appendedAtMicros).putShort((short) keyBytes.length)
                .put(keyBytes).put(value);
        CRC32C crc = new CRC32C();
        crc.update(frame, HEADER, body);
        buffer.putInt(4, (int) crc.getValue());
        return frame;
    }

    /**
     * Decodes the frame at the buffer's position (its journal position is {@code position}) and, if
     * it is complete, moves the buffer past it. {@code needed} is the whole frame's size when known.
     */
    static Decoded decode(ByteBuffer buffer, long position) {
        if (buffer.remaining() < HEADER) {
            return new Decoded(Kind.INCOMPLETE, null, HEADER);
        }
        int start = buffer.position();
        int body = buffer.getInt(start);
        if (body < BODY_PREFIX || body > MAX_BODY) {
            return new Decoded(Kind.INVALID, null, 0);
        }
        if (buffer.remaining() < HEADER + body) {
            return new Decoded(Kind.INCOMPLETE, null, HEADER + body);
        }
        CRC32C crc = new CRC32C();
        crc.update(buffer.slice(start + HEADER, body));
        int keyLength = buffer.getShort(start + HEADER + 8);
        if ((int) crc.getValue() != buffer.getInt(start + 4) || keyLength < 0 || keyLength > body - BODY_PREFIX) {
            return new Decoded(Kind.INVALID, null, 0);
        }
        long appendedAt = buffer.getLong(start + HEADER);
        byte[] key = new byte[keyLength];
        buffer.get(start + HEADER + BODY_PREFIX, key);
        byte[] value = new byte[body - BODY_PREFIX - keyLength];
        buffer.get(start + HEADER + BODY_PREFIX + keyLength, value);
        buffer.position(start + HEADER + body);
        return new Decoded(Kind.COMPLETE, new JournalEntry(new String(key, StandardCharsets.UTF_8), value, appendedAt,
                position, position + HEADER + body), HEADER + body);
    }
}
