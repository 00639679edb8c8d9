package dev.veloera.relay.providers;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veloera.contracts.usage.UsageRecorded;
import dev.veloera.contracts.usage.UsageTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import static org.assertj.core.api.Assertions.assertThat;

/** The relay's usage records as consumers see them on {@code veloera.usage.v1}, by request id. */
final class UsageRecords implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String bootstrapServers;
    private final Map<String, List<UsageRecorded>> byRequest = new HashMap<>();
    private KafkaConsumer<String, String> consumer;

    UsageRecords(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** The one record of the request (waits up to 20 s for it, then 200 ms for a second that must not come). */
    synchronized UsageRecorded only(String requestId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!byRequest.containsKey(requestId) && System.nanoTime() < deadline) {
            poll(Duration.ofMillis(200));
        }
        assertThat(byRequest).as("a usage record for %s", requestId).containsKey(requestId);
        poll(Duration.ofMillis(200));
        assertThat(byRequest.get(requestId)).hasSize(1);
        return byRequest.get(requestId).getFirst();
    }

    private void poll(Duration duration) {
        if (consumer == null) {
            consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
            List<TopicPartition> partitions = consumer.partitionsFor(UsageTopic.NAME).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }
        for (ConsumerRecord<String, String> record : consumer.poll(duration)) {
            try {
                UsageRecorded usage = JSON.readValue(record.value(), UsageRecorded.class);
                byRequest.computeIfAbsent(usage.requestId(), k -> new ArrayList<>()).add(usage);
            } catch (IOException e) {
                throw new AssertionError("not a usage record: " + record.value(), e);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (consumer != null) {
            consumer.close();
        }
    }
}
