package dev.veloera.relay.usage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class UsageJournalTest {

    @TempDir
    Path dir;

    @Test
    void canReadBackRecordsInOrderAfterAReopen() {
        try (UsageJournal journal = open(1 << 20)) {
            append(journal, "1", "a");
            append(journal, "2", "b");
            append(journal, "1", "c");
        }
        try (UsageJournal journal = open(1 << 20)) {
            assertThat(values(readAll(journal, journal.ackedPosition()))).containsExactly("a", "b", "c");
            assertThat(readAll(journal, 0)).extracting(JournalEntry::key).containsExactly("1", "2", "1");
            assertThat(journal.pendingRecords()).isEqualTo(3);
            append(journal, "3", "d");
            assertThat(values(readAll(journal, 0))).containsExactly("a", "b", "c", "d");
        }
    }

    @Test
    void cannotReadARecordTornByACrash() throws Exception {
        try (UsageJournal journal = open(1 << 20)) {
            append(journal, "1", "a");
            append(journal, "1", "b");
        }
        Path segment = onlySegment();
        long intact = Files.size(segment);
        byte[] next = JournalFrame.encode("1", bytes("{\"requestId\":\"torn\"}"), 0);
        Files.write(segment, java.util.Arrays.copyOf(next, next.length - 3), StandardOpenOption.APPEND);

        try (UsageJournal journal = open(1 << 20)) {
            assertThat(Files.size(segment)).isEqualTo(intact);
            assertThat(journal.pendingRecords()).isEqualTo(2);
            append(journal, "1", "c");
            assertThat(values(readAll(journal, 0))).containsExactly("a", "b", "c");
        }
    }

    @Test
    void cannotReadARecordWhoseBytesWereNeverWritten() throws Exception {
        try (UsageJournal journal = open(1 << 20)) {
            append(journal, "1", "a");
        }
        Path segment = onlySegment();
        long intact = Files.size(segment);
        // an OS crash can leave a file longer than what reached the disk: the gap reads as zeros
        Files.write(segment, new byte[300], StandardOpenOption.APPEND);
        try (UsageJournal journal = open(1 << 20)) {
            assertThat(Files.size(segment)).isEqualTo(intact);
            assertThat(values(readAll(journal, 0))).containsExactly("a");
        }
    }

    @Test
    void cannotReadARecordWithAFlippedByte() throws Exception {
        try (UsageJournal journal = open(1 << 20)) {
            append(journal, "1", "a");
            append(journal, "1", "b");
        }
        Path segment = onlySegment();
        byte[] content = Files.readAllBytes(segment);
        content[content.length - 2] ^= 1;
        Files.write(segment, content);
        try (UsageJournal journal = open(1 << 20)) {
            assertThat(values(readAll(journal, 0))).containsExactly("a");
        }
    }

    @Test
    void canRollSegmentsAndDeleteThoseKafkaAcknowledged() throws Exception {
        List<JournalEntry> entries;
        try (UsageJournal journal = open(256)) {
            for (int i = 0; i < 40; i++) {
                append(journal, Integer.toString(i % 3), "record-" + i);
            }
            assertThat(segmentFiles().size()).isGreaterThan(4);
            entries = readAll(journal, 0);
            assertThat(values(entries)).hasSize(40).startsWith("record-0").endsWith("record-39");
            long acknowledged = entries.get(29).next();
            journal.acknowledge(acknowledged, 30);
            journal.sync();
            assertThat(journal.pendingRecords()).isEqualTo(10);
            assertThat(journal.pendingBytes()).isEqualTo(journal.end() - acknowledged);
            // the segment holding record 30 and every later one stay; all before it are gone
            assertThat(segmentFiles()).allSatisfy(file -> assertThat(baseOf(file)).isGreaterThanOrEqualTo(
                    baseOf(segmentFiles().getFirst())));
            assertThat(baseOf(segmentFiles().getFirst())).isLessThanOrEqualTo(acknowledged);
            assertThat(Files.exists(segmentFile(0))).isFalse();
        }
        try (UsageJournal journal = open(256)) {
            assertThat(journal.ackedPosition()).isEqualTo(entries.get(29).next());
            assertThat(journal.pendingRecords()).isEqualTo(10);
            assertThat(values(readAll(journal, journal.ackedPosition())))
                    .containsExactlyElementsOf(values(entries.subList(30, 40)));
            journal.acknowledge(journal.end(), 10);
            journal.sync();
            assertThat(segmentFiles()).hasSize(1);
            assertThat(journal.pendingRecords()).isZero();
            assertThat(journal.oldestPendingSeconds()).isZero();
        }
    }

    @Test
    void canFallBackToTheOlderPositionWhenTheNewerWasTorn() throws Exception {
        try (AckedPosition position = new AckedPosition(dir)) {
            assertThat(position.read()).isEqualTo(-1);
            position.write(100);
            position.write(200);
        }
        Path file = dir.resolve(AckedPosition.FILE_NAME);
        byte[] content = Files.readAllBytes(file);
        content[16 + 7] ^= 1; // the second slot holds 200
        Files.write(file, content);
        try (AckedPosition position = new AckedPosition(dir)) {
            assertThat(position.read()).isEqualTo(100);
            position.write(300);
        }
        try (AckedPosition position = new AckedPosition(dir)) {
            assertThat(position.read()).isEqualTo(300);
        }
    }

    @Test
    void canAppendOnAnInterruptedThreadAndKeepsTheInterrupt() {
        try (UsageJournal journal = open(1 << 20)) {
            Thread.currentThread().interrupt();
            try {
                append(journal, "1", "a");
                assertThat(Thread.currentThread().isInterrupted()).isTrue();
            } finally {
                Thread.interrupted();
            }
            append(journal, "1", "b");
            assertThat(values(readAll(journal, 0))).containsExactly("a", "b");
        }
    }

    /**
     * The cost of one append from one thread, then with 64 virtual threads appending at once (as
     * Tomcat's request threads do), then with 64 platform threads, after a warm-up: printed, not asserted. Every record is read back, each
     * thread's in the order it appended them.
     */
    @Test
    void manyThreadsAppendEveryRecordOnceAndInOrder() throws Exception {
        int platformRuns = 0;
        warmUp();
        byte[] value = bytes("{\"requestId\":\"" + "x".repeat(36) + "\",\"occurredAt\":1764000000000,\"userId\":1,"
                + "\"username\":\"alice\",\"tokenId\":10,\"tokenName\":\"token-10\",\"channelId\":1,\"group\":\"default\","
                + "\"model\":\"gpt-4o-mini\",\"upstreamModel\":\"gpt-4o-mini\",\"promptTokens\":11,\"completionTokens\":7,"
                + "\"quota\":78,\"stream\":false,\"useTimeMs\":120,\"status\":\"success\",\"clientIp\":\"127.0.0.1\"}");
        for (String kind : List.of("platform", "virtual", "platform")) {
            int threads = kind.equals("virtual") || ++platformRuns > 1 ? 64 : 1;
            int perThread = 100_000 / threads;
            Path runDir = Files.createDirectories(dir.resolve(kind + threads));
            try (UsageJournal journal = new UsageJournal(runDir, 64L << 20, Duration.ofMillis(20), new ObjectMapper());
                 ExecutorService pool = kind.equals("virtual") ? Executors.newVirtualThreadPerTaskExecutor()
                         : Executors.newFixedThreadPool(threads)) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    String key = Integer.toString(t);
                    done.add(pool.submit(() -> {
                        start.await();
                        for (int i = 0; i < perThread; i++) {
                            journal.append(key, value);
                        }
                        return null;
                    }));
                }
                long started = System.nanoTime();
                start.countDown();
                for (Future<?> future : done) {
                    future.get();
                }
                long elapsed = System.nanoTime() - started;
                int total = threads * perThread;
                System.out.printf("usage journal append, %d %s threads: %d records (%d bytes each) in %d ms, "
                                + "%d ns/record (wall clock / records), %d appends/s%n", threads, kind, total,
                        value.length, elapsed / 1_000_000, elapsed / total, total * 1_000_000_000L / elapsed);

                List<JournalEntry> entries = readAll(journal, 0);
                assertThat(entries).hasSize(total);
                Map<String, Integer> perKey = new HashMap<>();
                entries.forEach(entry -> perKey.merge(entry.key(), 1, Integer::sum));
                assertThat(perKey).hasSize(threads).allSatisfy((key, count) -> assertThat(count).isEqualTo(perThread));
            }
        }
    }

    // ---- helpers ----

    /** Compiles the append path before it is timed. */
    private void warmUp() throws IOException {
        try (UsageJournal journal = new UsageJournal(Files.createDirectories(dir.resolve("warm-up")), 64L << 20,
                Duration.ofMillis(20), new ObjectMapper())) {
            for (int i = 0; i < 200_000; i++) {
                journal.append("1", bytes("{\"requestId\":\"warm-up\"}"));
            }
        }
    }

    private UsageJournal open(long segmentBytes) {
        return new UsageJournal(dir, segmentBytes, Duration.ofMillis(20), new ObjectMapper());
    }

    private static void append(UsageJournal journal, String key, String requestId) {
        journal.append(key, bytes("{\"requestId\":\"" + requestId + "\"}"));
    }

    static List<JournalEntry> readAll(UsageJournal journal, long from) {
        List<JournalEntry> entries = new ArrayList<>();
        try (JournalReader reader = journal.reader()) {
            long position = from;
            while (position < journal.end()) {
                JournalReader.Batch batch = reader.read(position, 1 << 20);
                entries.addAll(batch.entries());
                position = batch.next();
            }
        }
        return entries;
    }

    private static List<String> values(List<JournalEntry> entries) {
        return entries.stream().map(entry -> new String(entry.value(), StandardCharsets.UTF_8)
                .replaceAll(".*\"requestId\":\"([^\"]*)\".*", "$1")).toList();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private Path onlySegment() throws IOException {
        List<Path> files = segmentFiles();
        assertThat(files).hasSize(1);
        return files.getFirst();
    }

    private List<Path> segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.toString().endsWith(".journal")).sorted().toList();
        }
    }

    private Path segmentFile(long base) {
        return dir.resolve(String.format("%020d.journal", base));
    }

    private static long baseOf(Path file) {
        return Long.parseLong(file.getFileName().toString().replace(".journal", ""));
    }
}
