package org.ullsnn.kernel.magic;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ullsnn.kernel.shell.Evaluation;

/**
 * {@code %env} lists the environment (values of secret-looking names hidden), {@code %env NAME} shows one variable,
 * {@code %env NAME=value} (or {@code %env NAME value}) sets it for the kernel process, and {@code %env -u NAME}
 * removes it. Use it to point the library somewhere before a cell reads it, e.g. {@code %env ULLSNN_DATA=/data/cifar}.
 */
public final class EnvMagic implements Magic {

    private static final Pattern ASSIGN = Pattern.compile("([^=\\s]+)\\s*=\\s*(.*)");
    private static final Pattern PAIR = Pattern.compile("([^=\\s]+)\\s+(.+)");

    @Override
    public String name() {
        return "env";
    }

    @Override
    public String usage() {
        return "%env [NAME[=VALUE]] | %env -u NAME   list, show, set or unset environment variables";
    }

    @Override
    public Evaluation run(MagicCall call, MagicContext context) {
        if (call.isCellMagic()) {
            throw new IllegalArgumentException("%env is a line magic: " + usage());
        }
        String args = call.argText();
        if (args.isEmpty()) {
            Map<String, String> sorted = new TreeMap<>(System.getenv());
            StringBuilder sb = new StringBuilder();
            sorted.forEach((k, v) -> sb.append(k).append('=').append(EnvironmentVariables.shown(k, v)).append('\n'));
            context.out().print(sb);
            return Evaluation.NONE;
        }
        if (args.startsWith("-u ")) {
            String name = args.substring(3).strip();
            EnvironmentVariables.set(name, null);
            context.out().println("env: " + name + " removed");
            return Evaluation.NONE;
        }
        Matcher assign = ASSIGN.matcher(args);
        Matcher pair = PAIR.matcher(args);
        if (assign.matches() || pair.matches()) {
            Matcher m = assign.matches() ? assign : pair;
            String value = unquote(m.group(2).strip());
            EnvironmentVariables.set(m.group(1), value);
            context.out().println("env: " + m.group(1) + "=" + EnvironmentVariables.shown(m.group(1), value));
            return Evaluation.NONE;
        }
        String value = System.getenv(args);
        if (value == null) {
            throw new IllegalArgumentException("environment variable " + args + " is not set");
        }
        return Evaluation.of(value);
    }

    private static String unquote(String s) {
        boolean quoted = s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"")
                || s.startsWith("'") && s.endsWith("'"));
        return quoted ? s.substring(1, s.length() - 1) : s;
    }
}
