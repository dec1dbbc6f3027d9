package org.ullsnn.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The cells run in this kernel session, for {@code history_request}: tail, range and glob search, with or without
 * outputs. History lives in memory for the kernel's lifetime (one session, numbered {@value #SESSION}); line numbers
 * are execution counts. Entries are {@code [session, line, input]}, or {@code [session, line, [input, output]]}
 * with outputs (the text/plain of the cell's result, {@code ""} when it had none). Thread-safe.
 */
public final class SessionHistory {

    /** The number of the (only) session. */
    public static final int SESSION = 1;

    private record Entry(int line, String input, String output) { }

    private final List<Entry> entries = new ArrayList<>();

    public synchronized void add(int line, String input, String output) {
        entries.add(new Entry(line, input, output == null ? "" : output));
    }

    /** The last {@code n} entries ({@code n <= 0}: all). */
    public synchronized List<List<Object>> tail(int n, boolean withOutput) {
        int from = n <= 0 ? 0 : Math.max(0, entries.size() - n);
        return rows(entries.subList(from, entries.size()), withOutput);
    }

    /**
     * Lines {@code [start, stop)} of a session ({@code stop <= 0}: to the end). Session {@code 0} or a negative
     * number counts back from the current one, as in IPython; only the current session exists.
     */
    public synchronized List<List<Object>> range(int session, int start, int stop, boolean withOutput) {
        int absolute = session <= 0 ? SESSION + session : session;
        if (absolute != SESSION) {
            return List.of();
        }
        List<Entry> chosen = entries.stream()
                .filter(e -> e.line() >= start && (stop <= 0 || e.line() < stop)).toList();
        return rows(chosen, withOutput);
    }

    /**
     * The last {@code n} ({@code n <= 0}: all) entries whose whole input matches a glob ({@code *} any text,
     * {@code ?} one character, {@code [a-z]} and {@code [^a-z]} classes; case-sensitive, as SQLite's GLOB that
     * IPython uses); with {@code unique}, only the most recent of identical inputs.
     */
    public synchronized List<List<Object>> search(String glob, int n, boolean unique, boolean withOutput) {
        Pattern pattern = glob(glob == null || glob.isEmpty() ? "*" : glob);
        List<Entry> matches = entries.stream().filter(e -> pattern.matcher(e.input()).matches()).toList();
        if (unique) {
            Map<String, Entry> latest = new LinkedHashMap<>();
            for (Entry e : matches) {
                latest.remove(e.input());
                latest.put(e.input(), e);
            }
            matches = List.copyOf(latest.values());
        }
        int from = n <= 0 ? 0 : Math.max(0, matches.size() - n);
        return rows(matches.subList(from, matches.size()), withOutput);
    }

    /** A regular expression for a SQLite-style glob. */
    static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                case '[' -> {
                    int close = glob.indexOf(']', i + 2);
                    if (close < 0) {
                        regex.append("\\[");
                    } else {
                        String set = glob.substring(i + 1, close);
                        regex.append('[').append(set.startsWith("^") ? "^" + quoteSet(set.substring(1))
                                : quoteSet(set)).append(']');
                        i = close;
                    }
                }
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static String quoteSet(String set) {
        return set.replace("\\", "\\\\").replace("[", "\\[").replace("&", "\\&");
    }

    private static List<List<Object>> rows(List<Entry> chosen, boolean withOutput) {
        List<List<Object>> rows = new ArrayList<>();
        for (Entry e : chosen) {
            Object cell = withOutput ? List.of(e.input(), e.output()) : e.input();
            rows.add(List.of(SESSION, e.line(), cell));
        }
        return rows;
    }
}
