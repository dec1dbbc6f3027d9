package org.ullsnn.kernel.magic;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Paths written in magic arguments: separated by blanks or the platform path separator ({@code :}), optionally
 * quoted with {@code "}, relative to the working directory, {@code ~} for the home directory, and with glob
 * wildcards ({@code * ? [..] {a,b}}) allowed in the last name, e.g. {@code lib/*.jar}.
 */
final class PathPatterns {

    private PathPatterns() {
    }

    /** The words of an argument line (blank- or separator-delimited, quotes respected). */
    static List<String> split(String args) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        for (char c : args.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (Character.isWhitespace(c) || c == File.pathSeparatorChar)) {
                if (word.length() > 0) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unclosed quote in: " + args);
        }
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }

    /** The existing paths a word names, sorted; an error when nothing matches. */
    static List<Path> resolve(String word, Path workingDirectory) {
        String expanded = word.startsWith("~/") || word.equals("~")
                ? System.getProperty("user.home") + word.substring(1) : word;
        Path path = workingDirectory.resolve(expanded.replace("/", File.separator)).normalize();
        Path name = path.getFileName();
        if (name == null || !hasWildcard(name.toString())) {
            if (!Files.exists(path)) {
                throw new IllegalArgumentException("no such file or directory: " + path);
            }
            return List.of(path);
        }
        Path dir = path.getParent();
        if (hasWildcard(dir.toString())) {
            throw new IllegalArgumentException("wildcards are allowed in the last name only, got " + word);
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + name);
        List<Path> matches = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path p : entries) {
                    if (matcher.matches(p.getFileName())) {
                        matches.add(p);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + dir, e);
            }
        }
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("nothing matches " + path);
        }
        matches.sort(null);
        return matches;
    }

    private static boolean hasWildcard(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0 || s.indexOf('{') >= 0;
    }
}
