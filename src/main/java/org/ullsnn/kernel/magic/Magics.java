package org.ullsnn.kernel.magic;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.ullsnn.kernel.shell.Evaluation;

/** The kernel's magics by name. */
public final class Magics {

    private final Map<String, Magic> byName = new LinkedHashMap<>();

    /** The registry with every magic of the kernel. */
    public static Magics standard() {
        return new Magics()
                .register(new ClasspathMagic())
                .register(new JarsMagic())
                .register(new TimeMagic())
                .register(new EnvMagic());
    }

    public Magics register(Magic magic) {
        if (byName.putIfAbsent(magic.name(), magic) != null) {
            throw new IllegalArgumentException("magic %" + magic.name() + " is registered twice");
        }
        return this;
    }

    public Collection<String> names() {
        return byName.keySet();
    }

    /** Whether the arguments of the named magic are Java code (false for unknown names). */
    public boolean argumentsAreJava(String name) {
        Magic magic = byName.get(name);
        return magic != null && magic.argumentsAreJava();
    }

    public boolean isKnown(String name) {
        return byName.containsKey(name);
    }

    /** Runs a magic; an unknown name is an {@link IllegalArgumentException} listing the known ones. */
    public Evaluation run(MagicCall call, MagicContext context) {
        Magic magic = byName.get(call.name());
        if (magic == null) {
            throw new IllegalArgumentException("unknown magic %" + call.name() + "; the magics are:\n"
                    + byName.values().stream().map(m -> "  " + m.usage()).collect(Collectors.joining("\n")));
        }
        return magic.run(call, context);
    }
}
