package org.ullsnn.kernel.magic;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads and changes the kernel process's environment. Java exposes the environment read-only; setting a variable
 * here writes through the map behind {@link System#getenv()}, so that library code reading {@code System.getenv}
 * (e.g. {@code ULLSNN_DATA}) and processes the cell starts see it. That needs
 * {@code --add-opens java.base/java.util=ALL-UNNAMED}, which the installed kernelspec passes.
 */
final class EnvironmentVariables {

    /** Names whose values are shown as {@code <hidden>} when listing, as IPython does. */
    private static final Pattern SECRET = Pattern.compile("(?i).*(KEY|TOKEN|SECRET|PASS|PWD|CREDENTIAL|AUTH).*");

    private EnvironmentVariables() {
    }

    /** Sets (or, with a {@code null} value, removes) a variable for this process and its future children. */
    static void set(String name, String value) {
        if (name.isEmpty() || name.contains("=") || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not a valid variable name: '" + name + "'");
        }
        Map<String, String> writable = writableEnvironment();
        if (value == null) {
            writable.remove(name);
        } else {
            writable.put(name, value);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> writableEnvironment() {
        Map<String, String> view = System.getenv();
        try {
            Field backing = view.getClass().getDeclaredField("m"); // Collections.UnmodifiableMap's delegate
            backing.setAccessible(true);
            return (Map<String, String>) backing.get(view);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("this JVM does not let the kernel change environment variables; start it "
                    + "with --add-opens java.base/java.util=ALL-UNNAMED (the installed kernelspec does): " + e, e);
        }
    }

    /** The value to show when listing: hidden for names that look like secrets. */
    static String shown(String name, String value) {
        return SECRET.matcher(name).matches() ? "<hidden>" : value;
    }
}
