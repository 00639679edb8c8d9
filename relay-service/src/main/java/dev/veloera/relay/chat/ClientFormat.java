package dev.veloera.relay.chat;

/** The API the client speaks: OpenAI's chat completions or Anthropic's messages. */
enum ClientFormat {
    OPENAI,
    ANTHROPIC
}
