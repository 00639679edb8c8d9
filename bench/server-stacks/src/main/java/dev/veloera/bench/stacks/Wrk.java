package dev.veloera.bench.stacks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One wrk run and what it printed. The parse is bench/RequestPath.java's: that file is a single-file program, which a
 * Java 21 build cannot import.
 */
record Wrk(double p50Micros, double p99Micros, double requestsPerSecond, long requests, long errors) {

    static Wrk run(String url, Path script, int connections, int seconds) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("wrk", "-t" + Math.min(2, connections), "-c" + connections,
                "-d" + seconds + "s", "--timeout", "10s", "--latency", "-s", script.toString(), url)
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return parse(out);
    }

    static Wrk parse(String out) {
        return new Wrk(micros(out, "50%"), micros(out, "99%"), number(out, "Requests/sec:\\s+([0-9.]+)"),
                (long) number(out, "(\\d+) requests in"), (long) (number(out, "Non-2xx or 3xx responses: (\\d+)") + socketErrors(out)));
    }

    private static double micros(String out, String percentile) {
        Matcher m = Pattern.compile("(?m)^\\s+" + percentile + "\\s+([0-9.]+)(us|ms|s)").matcher(out);
        if (!m.find()) {
            return Double.NaN;
        }
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> value;
            case "ms" -> value * 1000;
            default -> value * 1_000_000;
        };
    }

    private static double number(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static long socketErrors(String out) {
        Matcher m = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)").matcher(out);
        return m.find() ? Long.parseLong(m.group(1)) + Long.parseLong(m.group(2)) + Long.parseLong(m.group(3))
                + Long.parseLong(m.group(4)) : 0;
    }
}
