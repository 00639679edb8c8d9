package dev.veloera.relay.usage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class UsageSpoolTest {

    @TempDir
    Path dir;

    @Test
    void canKeepRecordsInOrderAcrossRestarts() throws Exception {
        try (UsageSpool spool = new UsageSpool(dir)) {
            spool.append("1", "{\"requestId\":\"a\"}");
            spool.append("2", "{\"requestId\":\"b\"}");
        }
        try (UsageSpool spool = new UsageSpool(dir)) {
            List<UsageSpool.Entry> entries = spool.next(10);
            assertThat(entries).extracting(UsageSpool.Entry::key).containsExactly("1", "2");
            assertThat(entries.getFirst().value()).isEqualTo("{\"requestId\":\"a\"}");
            spool.acknowledge(entries.getFirst().endOffset());
        }
        try (UsageSpool spool = new UsageSpool(dir)) {
            List<UsageSpool.Entry> entries = spool.next(10);
            assertThat(entries).extracting(UsageSpool.Entry::key).containsExactly("2");
            spool.acknowledge(entries.getFirst().endOffset());
            assertThat(spool.hasPending()).isFalse();
            assertThat(Files.size(spool.file())).isZero();
        }
    }

    @Test
    void cannotReplayARecordTornByACrash() throws Exception {
        try (UsageSpool spool = new UsageSpool(dir)) {
            spool.append("1", "{\"requestId\":\"a\"}");
        }
        Files.write(dir.resolve(UsageSpool.FILE_NAME), "2\t{\"requestId\":".getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.APPEND);
        try (UsageSpool spool = new UsageSpool(dir)) {
            assertThat(spool.next(10)).extracting(UsageSpool.Entry::key).containsExactly("1");
            spool.append("3", "{\"requestId\":\"c\"}");
            assertThat(spool.next(10)).extracting(UsageSpool.Entry::key).containsExactly("1", "3");
        }
    }

    @Test
    void canAppendOnAnInterruptedThreadAndKeepsTheInterrupt() throws Exception {
        try (UsageSpool spool = new UsageSpool(dir)) {
            Thread.currentThread().interrupt();
            try {
                spool.append("1", "{\"requestId\":\"a\"}");
                assertThat(Thread.currentThread().isInterrupted()).isTrue();
            } finally {
                Thread.interrupted();
            }
            spool.append("2", "{\"requestId\":\"b\"}");
            assertThat(spool.next(10)).extracting(UsageSpool.Entry::key).containsExactly("1", "2");
        }
    }
}
