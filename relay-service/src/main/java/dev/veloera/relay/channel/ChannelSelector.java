package dev.veloera.relay.channel;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import dev.veloera.contracts.api.GatewayError;
import dev.veloera.contracts.channel.ChannelTypes;
import dev.veloera.relay.web.RelayException;
import org.springframework.stereotype.Component;

/**
 * Picks the channel for a (group, model): the highest priority among enabled abilities of enabled
 * channels, then a weighted random draw within that priority (weight 0 counts as 1, as in Veloera).
 * Everything comes from the relay's catalog in memory.
 */
@Component
public class ChannelSelector {

    private final ChannelRepository channels;

    ChannelSelector(ChannelRepository channels) {
        this.channels = channels;
    }

    /** A channel for the model, or 503 {@code model_not_found}. */
    public Channel choose(String group, String model) {
        List<Channel> found = topPriority(group, model);
        if (found.isEmpty()) {
            throw new RelayException(GatewayError.MODEL_NOT_FOUND,
                    "No available channel for model " + model + " under group " + group + ".");
        }
        return pickWeighted(found, ThreadLocalRandom.current().nextLong(totalWeight(found)));
    }

    /** The models the group can reach through channels this relay can call. */
    public List<ModelEntry> modelsOf(String group) {
        return channels.findModels(group).stream().filter(m -> supported(m.channelType())).toList();
    }

    static Channel pickWeighted(List<Channel> samePriority, long draw) {
        long remaining = draw;
        for (Channel channel : samePriority) {
            remaining -= effectiveWeight(channel);
            if (remaining < 0) {
                return channel;
            }
        }
        return samePriority.getLast();
    }

    static long totalWeight(List<Channel> channels) {
        return channels.stream().mapToLong(ChannelSelector::effectiveWeight).sum();
    }

    private List<Channel> topPriority(String group, String model) {
        List<Channel> usable = channels.findEnabled(group, model).stream()
                .filter(c -> supported(c.type()))
                .toList();
        long top = usable.stream().mapToLong(Channel::priority).max().orElse(0);
        return usable.stream().filter(c -> c.priority() == top).sorted(Comparator.comparingLong(Channel::id)).toList();
    }

    private static long effectiveWeight(Channel channel) {
        return Math.max(channel.weight(), 0) == 0 ? 1 : channel.weight();
    }

    private static boolean supported(int type) {
        return type == ChannelTypes.OPENAI_COMPATIBLE;
    }
}
