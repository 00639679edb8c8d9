package dev.veloera.relay.chat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MultipartTest {

    @Test
    void readsATextFieldWithoutParsingTheFile() {
        String body = "--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\n"
                + "Content-Type: audio/wav\r\n\r\n\u00ff\u00fe binary name=\"model\" \r\n--b0undary\r\n"
                + "Content-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1\r\n--b0undary--\r\n";
        byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
        assertThat(Multipart.field(bytes, "multipart/form-data; boundary=b0undary", "model")).isEqualTo("whisper-1");
        assertThat(Multipart.field(bytes, "multipart/form-data; boundary=\"b0undary\"", "model")).isEqualTo("whisper-1");
        assertThat(Multipart.field(bytes, "multipart/form-data; boundary=b0undary", "language")).isNull();
        assertThat(Multipart.field(bytes, "application/json", "model")).isNull();
    }
}
