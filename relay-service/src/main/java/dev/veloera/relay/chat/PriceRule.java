package dev.veloera.relay.chat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.veloera.contracts.pricing.ModelPrice;
import dev.veloera.contracts.pricing.QuotaMath;
import dev.veloera.relay.pricing.Billing;
import dev.veloera.relay.pricing.TokenUsage;

/**
 * How one kind of request is priced, as Veloera prices it: before the call (the estimate taken from the lease) and
 * after it (the actual cost, from the upstream's usage or, without one, from counted text).
 */
interface PriceRule {

    /** The prompt tokens estimated before the call. */
    int promptEstimate(TokenCounter tokens, ChatRequest request);

    /** What the lease must hold before the call. */
    long estimate(ModelPrice price, int promptEstimate, ChatRequest request);

    /** What a billable outcome used; {@code usage} null means the upstream reported none. */
    TokenUsage used(TokenCounter tokens, ChatRequest request, int promptEstimate, Outcome outcome);

    /** What it costs. */
    default long quota(ModelPrice price, TokenUsage usage, double cacheRatio, ChatRequest request) {
        return Billing.quota(price, usage, cacheRatio);
    }

    /** Chat, completions, responses, embeddings, rerank, moderations: tokens at the model's ratios. */
    PriceRule TOKENS = new PriceRule() {
        @Override
        public int promptEstimate(TokenCounter tokens, ChatRequest request) {
            JsonNode body = request.openAiBody();
            return body.has("messages") ? tokens.countPrompt(request.model(), body)
                    : tokens.countText(request.model(), inputText(body));
        }

        @Override
        public long estimate(ModelPrice price, int promptEstimate, ChatRequest request) {
            JsonNode body = request.openAiBody();
            JsonNode max = body.hasNonNull("max_tokens") ? body.get("max_tokens")
                    : body.hasNonNull("max_completion_tokens") ? body.get("max_completion_tokens")
                    : body.get("max_output_tokens");
            return price.reservationFor(promptEstimate, max != null && max.canConvertToInt() ? max.asInt() : null);
        }

        @Override
        public TokenUsage used(TokenCounter tokens, ChatRequest request, int promptEstimate, Outcome outcome) {
            return outcome.usage() != null ? outcome.usage()
                    : new TokenUsage(promptEstimate, tokens.countText(request.model(), outcome.generatedText()), 0, 0);
        }
    };

    /** Embeddings and the like: the prompt alone, reserved without completion tokens. */
    PriceRule PROMPT_ONLY = new PriceRule() {
        @Override
        public int promptEstimate(TokenCounter tokens, ChatRequest request) {
            return tokens.countText(request.model(), inputText(request.openAiBody()));
        }

        @Override
        public long estimate(ModelPrice price, int promptEstimate, ChatRequest request) {
            return price.perCall() ? price.reservationFor(promptEstimate, null)
                    : QuotaMath.ratioQuota(Math.max(promptEstimate, 1), 0, price.modelRatio(), 1, price.groupRatio());
        }

        @Override
        public TokenUsage used(TokenCounter tokens, ChatRequest request, int promptEstimate, Outcome outcome) {
            return outcome.usage() != null ? outcome.usage() : new TokenUsage(promptEstimate, 0, 0, 0);
        }
    };

    /**
     * Text to speech, as Veloera: the input's characters are the prompt tokens (its tokens for the gpt-* speech
     * models), at the model's ratio.
     */
    PriceRule SPEECH = new PriceRule() {
        @Override
        public int promptEstimate(TokenCounter tokens, ChatRequest request) {
            String input = request.openAiBody().path("input").asText("");
            return request.model().startsWith("gpt") ? tokens.countText(request.model(), input)
                    : input.codePointCount(0, input.length());
        }

        @Override
        public long estimate(ModelPrice price, int promptEstimate, ChatRequest request) {
            return PROMPT_ONLY.estimate(price, promptEstimate, request);
        }

        @Override
        public TokenUsage used(TokenCounter tokens, ChatRequest request, int promptEstimate, Outcome outcome) {
            return new TokenUsage(promptEstimate, 0, 0, 0);
        }
    };

    /**
     * Images, as Veloera: a price per image (the model's ModelPrice, or 0.0025 USD × its ModelRatio) × the size's
     * ratio (256²: 0.4, 512²: 0.45, 1024²: 1, 1792 wide or tall: 2) × dall-e-3 hd's (2; 1.5 at 1792) × n, the
     * fraction dropped.
     */
    PriceRule IMAGES = new PriceRule() {
        @Override
        public int promptEstimate(TokenCounter tokens, ChatRequest request) {
            return tokens.countText(request.model(), request.openAiBody().path("prompt").asText(""));
        }

        @Override
        public long estimate(ModelPrice price, int promptEstimate, ChatRequest request) {
            return quota(price, null, 1, request);
        }

        @Override
        public TokenUsage used(TokenCounter tokens, ChatRequest request, int promptEstimate, Outcome outcome) {
            return new TokenUsage(promptEstimate, 0, 0, 0);
        }

        @Override
        public long quota(ModelPrice price, TokenUsage usage, double cacheRatio, ChatRequest request) {
            JsonNode body = request.openAiBody();
            String size = body.path("size").asText("1024x1024");
            String quality = body.path("quality").asText("standard");
            double sizeRatio = switch (size) {
                case "256x256" -> 0.4;
                case "512x512" -> 0.45;
                case "1024x1792", "1792x1024" -> 2;
                default -> 1;
            };
            double qualityRatio = request.model().equals("dall-e-3") && quality.equals("hd")
                    ? (size.contains("1792") ? 1.5 : 2) : 1;
            int n = Math.max(1, body.path("n").asInt(1));
            double perImage = price.perCall() ? price.modelPrice() : 0.0025 * price.modelRatio();
            // Veloera's operations in its order (relay-image.go), truncated as it truncates images (text is rounded)
            double priced = perImage * (sizeRatio * qualityRatio * n);
            return (long) (priced * price.groupRatio() * QuotaMath.QUOTA_PER_UNIT);
        }
    };

    /** Transcriptions and translations: per call when priced; otherwise the transcript's tokens at the ratios. */
    PriceRule TRANSCRIPTION = new PriceRule() {
        @Override
        public int promptEstimate(TokenCounter tokens, ChatRequest request) {
            return 0;
        }

        @Override
        public long estimate(ModelPrice price, int promptEstimate, ChatRequest request) {
            return price.reservationFor(0, null);
        }

        @Override
        public TokenUsage used(TokenCounter tokens, ChatRequest request, int promptEstimate, Outcome outcome) {
            return outcome.usage() != null ? outcome.usage()
                    : new TokenUsage(0, tokens.countText(request.model(), outcome.generatedText()), 0, 0);
        }
    };

    /** The text an embeddings, moderations or completions request sends: {@code input} or {@code prompt}. */
    static String inputText(JsonNode body) {
        JsonNode input = body.has("input") ? body.get("input") : body.has("prompt") ? body.get("prompt")
                : body.get("query");
        StringBuilder text = new StringBuilder();
        if (input != null && input.isTextual()) {
            text.append(input.asText());
        } else if (input != null && input.isArray()) {
            for (JsonNode item : input) {
                text.append(item.isTextual() ? item.asText() : item.path("text").asText(item.path("content").asText(""))
                ).append('\n');
            }
        }
        for (JsonNode document : body.path("documents")) {
            text.append(document.isTextual() ? document.asText() : document.path("text").asText("")).append('\n');
        }
        return text.toString();
    }
}
