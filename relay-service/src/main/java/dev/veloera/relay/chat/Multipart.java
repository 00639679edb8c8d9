package dev.veloera.relay.chat;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a text field of a {@code multipart/form-data} body without parsing the rest: the relay passes the body on
 * unchanged (the audio file in it can be large) and needs only the model and the response format.
 */
final class Multipart {

    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");

    private Multipart() {
    }

    /** The value of the text field {@code name}, or null. */
    static String field(byte[] body, String contentType, String name) {
        if (contentType == null) {
            return null;
        }
        Matcher boundary = BOUNDARY.matcher(contentType);
        if (!boundary.find()) {
            return null;
        }
        // ISO-8859-1 maps bytes to chars one to one: offsets stay valid whatever the file holds
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + boundary.group(1);
        int at = 0;
        while ((at = text.indexOf(delimiter, at)) >= 0) {
            int headersEnd = text.indexOf("\r\n\r\n", at);
            if (headersEnd < 0) {
                return null;
            }
            String headers = text.substring(at, headersEnd);
            int next = text.indexOf("\r\n" + delimiter, headersEnd);
            if (next < 0) {
                return null;
            }
            if (headers.matches("(?is).*content-disposition:[^\r\n]*\\bname=\"" + Pattern.quote(name) + "\".*")) {
                return new String(body, headersEnd + 4, next - headersEnd - 4, StandardCharsets.UTF_8).trim();
            }
            at = next + 2;
        }
        return null;
    }
}
