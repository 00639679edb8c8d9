package dev.veloera.relay.channel;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChannelSelectorTest {

    private static Channel channel(long id, int weight) {
        return new Channel(id, "c" + id, 0, "k", "", Map.of(), 0, weight);
    }

    @Test
    void canDrawByWeight() {
        List<Channel> channels = List.of(channel(1, 1), channel(2, 3));
        assertThat(ChannelSelector.totalWeight(channels)).isEqualTo(4);
        assertThat(ChannelSelector.pickWeighted(channels, 0).id()).isEqualTo(1);
        assertThat(ChannelSelector.pickWeighted(channels, 1).id()).isEqualTo(2);
        assertThat(ChannelSelector.pickWeighted(channels, 3).id()).isEqualTo(2);
    }

    @Test
    void canCountWeightZeroAsOne() {
        List<Channel> channels = List.of(channel(1, 0), channel(2, 0));
        assertThat(ChannelSelector.totalWeight(channels)).isEqualTo(2);
        assertThat(ChannelSelector.pickWeighted(channels, 0).id()).isEqualTo(1);
        assertThat(ChannelSelector.pickWeighted(channels, 1).id()).isEqualTo(2);
    }

    @Test
    void canMapModelsAndTakeTheFirstKey() {
        Channel channel = new Channel(1, "c", 0, " sk-1 ,sk-2", "http://up/", Map.of("a", "b"), 0, 0);
        assertThat(channel.upstreamModel("a")).isEqualTo("b");
        assertThat(channel.upstreamModel("x")).isEqualTo("x");
        assertThat(channel.apiKey()).isEqualTo("sk-1");
        assertThat(channel.baseUrlOrDefault()).isEqualTo("http://up");
        assertThat(new Channel(1, "c", 0, "k", "", Map.of(), 0, 0).baseUrlOrDefault()).isEqualTo("https://api.openai.com");
    }
}
