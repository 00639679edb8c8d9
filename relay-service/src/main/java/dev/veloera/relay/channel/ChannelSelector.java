package dev.veloera.relay.channel;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import dev.veloera.contracts.api.GatewayError;
import dev.veloera.contracts.channel.ChannelTypes;
import dev.veloera.relay.web.RelayException;
import org.springframework.stereotype.Component;

/**
 * Picks the channel for a (group, model) from the relay's catalog in memory: among enabled channels of a supported
 * type that this relay has not set aside ({@link ChannelHealth}), the priority level of the attempt (the highest
 * first, one level lower on each retry, as Veloera), then a weighted random draw within it (weight 0 counts as 1).
 * A channel already tried by the request is skipped while another one is left.
 */
@Component
public class ChannelSelector {

    private final ChannelRepository channels;
    private final ChannelHealth health;

    ChannelSelector(ChannelRepository channels, ChannelHealth health) {
        this.channels = channels;
        this.health = health;
    }

    /** A channel for the model, or 503 {@code model_not_found}. */
    public Channel choose(String group, String model) {
        Channel channel = choose(group, model, 0, Set.of());
        if (channel == null) {
            throw new RelayException(GatewayError.MODEL_NOT_FOUND,
                    "No available channel for model " + model + " under group " + group + ".");
        }
        return channel;
    }

    /**
     * The channel for attempt {@code attempt} (0 = first) not in {@code tried}, or null when none is left. Attempt n
     * draws from the n-th highest priority level (the lowest when there are fewer levels); when every channel of
     * that level was tried, from the next lower level that has one untried.
     */
    public Channel choose(String group, String model, int attempt, Set<Long> tried) {
        List<Channel> usable = channels.findEnabled(group, model).stream()
                .filter(c -> supported(c.type()) && health.usable(c))
                .toList();
        List<Long> levels = usable.stream().map(Channel::priority).distinct()
                .sorted(Comparator.reverseOrder()).toList();
        if (levels.isEmpty()) {
            return null;
        }
        for (int level = Math.min(attempt, levels.size() - 1); level < levels.size(); level++) {
            long priority = levels.get(level);
            List<Channel> candidates = usable.stream()
                    .filter(c -> c.priority() == priority && !tried.contains(c.id()))
                    .sorted(Comparator.comparingLong(Channel::id)).toList();
            if (!candidates.isEmpty()) {
                return pickWeighted(candidates, ThreadLocalRandom.current().nextLong(totalWeight(candidates)));
            }
        }
        // every lower level tried too: any untried channel, highest first
        return usable.stream().filter(c -> !tried.contains(c.id())).findFirst().orElse(null);
    }

    /** The channel an admin named with {@code sk-KEY-<channelId>}, enabled or not, or null. */
    public Channel byId(long id) {
        Channel channel = channels.findById(id);
        return channel != null && supported(channel.type()) ? channel : null;
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

    private static long effectiveWeight(Channel channel) {
        return Math.max(channel.weight(), 0) == 0 ? 1 : channel.weight();
    }

    /** The channel types this relay speaks. */
    public static boolean supported(int type) {
        return type == ChannelTypes.OPENAI_COMPATIBLE || type == ChannelTypes.ANTHROPIC_CLAUDE
                || type == ChannelTypes.AZURE_OPENAI || type == ChannelTypes.GEMINI;
    }
}
