package dev.veloera.contracts.catalog;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A token's {@code allow_ips}: addresses and CIDR ranges, IPv4 and IPv6, one per line as Veloera's form writes them
 * (commas and spaces are separators too). Blank allows every address. Only literals are parsed, never host names:
 * nothing here resolves DNS. An IPv4-mapped IPv6 client address ({@code ::ffff:10.0.0.1}) matches its IPv4 entries.
 */
public final class AllowedAddresses {

    public static final String INVALID =
            "allow_ips must list IP addresses or CIDR ranges (IPv4 or IPv6), one per line";

    private static final Pattern SEPARATORS = Pattern.compile("[\\s,;]+");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final AllowedAddresses ANY = new AllowedAddresses(List.of());

    private record Range(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Range> ranges;

    private AllowedAddresses(List<Range> ranges) {
        this.ranges = ranges;
    }

    /** The list {@code text} describes; throws {@link IllegalArgumentException} when an entry is not an address. */
    public static AllowedAddresses parse(String text) {
        if (text == null || text.isBlank()) {
            return ANY;
        }
        List<Range> ranges = new ArrayList<>();
        for (String entry : SEPARATORS.split(text.strip())) {
            if (!entry.isEmpty()) {
                ranges.add(range(entry));
            }
        }
        return ranges.isEmpty() ? ANY : new AllowedAddresses(List.copyOf(ranges));
    }

    /** Whether {@code text} parses. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** True when no entry is listed: every address may use the token. */
    public boolean allowsAny() {
        return ranges.isEmpty();
    }

    /** Whether {@code clientAddress} (a literal, as a socket reports it) is listed; a non-literal never is. */
    public boolean permits(String clientAddress) {
        if (ranges.isEmpty()) {
            return true;
        }
        byte[] address;
        try {
            address = literal(clientAddress);
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] mapped = ipv4Mapped(address);
        for (Range range : ranges) {
            if (range.contains(address) || (mapped != null && range.contains(mapped))) {
                return true;
            }
        }
        return false;
    }

    private static Range range(String entry) {
        int slash = entry.indexOf('/');
        byte[] address = literal(slash < 0 ? entry : entry.substring(0, slash));
        int bits = address.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a CIDR prefix: " + entry);
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("CIDR prefix out of range: " + entry);
            }
        }
        return new Range(address, prefix);
    }

    /** The bytes of an IPv4 or IPv6 literal; never a DNS lookup (a string with ':' or of four numbers is a literal). */
    static byte[] literal(String text) {
        String value = text == null ? "" : text.strip();
        if (value.startsWith("[") && value.endsWith("]")) {
            value = value.substring(1, value.length() - 1);
        }
        int zone = value.indexOf('%');
        if (zone >= 0) {
            value = value.substring(0, zone);
        }
        if (IPV4.matcher(value).matches()) {
            String[] parts = value.split("\\.");
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int part = Integer.parseInt(parts[i]);
                if (part > 255) {
                    throw new IllegalArgumentException("not an IPv4 address: " + text);
                }
                bytes[i] = (byte) part;
            }
            return bytes;
        }
        if (value.indexOf(':') >= 0 && value.matches("[0-9A-Fa-f:.]+")) {
            try {
                return InetAddress.getByName(value).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an IPv6 address: " + text);
            }
        }
        throw new IllegalArgumentException("not an IP address: " + text);
    }

    private static byte[] ipv4Mapped(byte[] address) {
        if (address.length != 16) {
            return null;
        }
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return null;
            }
        }
        if ((address[10] & 0xFF) != 0xFF || (address[11] & 0xFF) != 0xFF) {
            return null;
        }
        return new byte[]{address[12], address[13], address[14], address[15]};
    }
}
