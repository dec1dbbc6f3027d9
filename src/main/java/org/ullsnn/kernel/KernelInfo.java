package org.ullsnn.kernel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ullsnn.kernel.wire.Outbox;

/** The content of {@code kernel_info_reply}: who the kernel is and how front ends should treat its language. */
final class KernelInfo {

    static final String IMPLEMENTATION = "ullsnn";

    private KernelInfo() {
    }

    static Map<String, Object> content() {
        Map<String, Object> language = new LinkedHashMap<>();
        language.put("name", "java");
        language.put("version", System.getProperty("java.specification.version"));
        language.put("mimetype", "text/x-java-source");
        language.put("file_extension", ".jshell");
        language.put("pygments_lexer", "java");
        language.put("codemirror_mode", "text/x-java");
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("status", "ok");
        info.put("protocol_version", Outbox.PROTOCOL_VERSION);
        info.put("implementation", IMPLEMENTATION);
        info.put("implementation_version", version());
        info.put("language_info", language);
        info.put("banner", "ULL-SNN Lab " + version() + " on Java " + System.getProperty("java.version")
                + " (JShell in the kernel JVM; the library's packages are imported)");
        info.put("debugger", false);
        info.put("help_links", List.of(
                Map.of("text", "JShell", "url", "https://docs.oracle.com/en/java/javase/17/jshell/"),
                Map.of("text", "Tablesaw", "url", "https://jtablesaw.github.io/tablesaw/"),
                Map.of("text", "XChart", "url", "https://knowm.org/open-source/xchart/")));
        return info;
    }

    static String version() {
        String v = KernelInfo.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
