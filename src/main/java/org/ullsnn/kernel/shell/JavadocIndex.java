package org.ullsnn.kernel.shell;

import com.sun.source.doctree.DocCommentTree;
import com.sun.source.doctree.DocTree;
import com.sun.source.doctree.EntityTree;
import com.sun.source.doctree.LinkTree;
import com.sun.source.doctree.LiteralTree;
import com.sun.source.doctree.ParamTree;
import com.sun.source.doctree.ReturnTree;
import com.sun.source.doctree.TextTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Javadoc of the library, read from its source files, for inspection ({@code Shift+Tab}). JShell finds javadoc only
 * in the JDK's {@code src.zip}; this index covers the project's own sources, which the kernelspec names. Entries
 * are keyed by the declaring class's simple name and the member's name and parameter count, which is what JShell's
 * signatures show. Immutable once built; building parses every file (about a second for the library), so the
 * kernel builds it in the background.
 */
public final class JavadocIndex {

    /**
     * The javadoc of one declaration.
     *
     * @param owner      simple name of the declaring class (the class itself for a type)
     * @param member     member name; the class name for types and constructors
     * @param parameters parameter count, or -1 for types and fields
     * @param summary    the first sentence, as plain text
     * @param body       the whole comment with {@code @param}/{@code @return} lines, as plain text
     */
    public record Entry(String owner, String member, int parameters, String summary, String body) { }

    private static final JavadocIndex EMPTY = new JavadocIndex(Map.of());

    private final Map<String, List<Entry>> byOwner;

    private JavadocIndex(Map<String, List<Entry>> byOwner) {
        this.byOwner = byOwner;
    }

    /** An index with nothing in it. */
    public static JavadocIndex empty() {
        return EMPTY;
    }

    /** Parses every {@code .java} file under the given source roots (missing roots are skipped). */
    public static JavadocIndex build(List<Path> sourceRoots) {
        List<Path> files = new ArrayList<>();
        for (Path root : sourceRoots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(p -> p.toString().endsWith(".java")).forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list sources under " + root, e);
            }
        }
        if (files.isEmpty()) {
            return EMPTY;
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Map<String, List<Entry>> index = new HashMap<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
            Iterable<? extends JavaFileObject> units = fm.getJavaFileObjectsFromPaths(files);
            JavacTask task = (JavacTask) javac.getTask(null, fm, d -> { }, List.of("-proc:none"), null, units);
            DocTrees docs = DocTrees.instance(task);
            for (CompilationUnitTree unit : task.parse()) {
                new Collector(docs, index).scan(unit, null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse sources for javadoc", e);
        }
        index.replaceAll((k, v) -> List.copyOf(v));
        return new JavadocIndex(Map.copyOf(index));
    }

    /** How many declarations have javadoc. */
    public int size() {
        return byOwner.values().stream().mapToInt(List::size).sum();
    }

    /**
     * The javadoc for a JShell documentation signature, such as
     * {@code ImageSet SyntheticImages.generate(int classes, int perClass, ImageShape shape, long seed)} or
     * {@code org.ullsnn.data.SyntheticImages}.
     */
    public Optional<Entry> find(String signature) {
        String s = signature.strip();
        int open = s.indexOf('(');
        if (open < 0) {
            String type = simpleName(s.contains(" ") ? s.substring(s.lastIndexOf(' ') + 1) : s);
            String[] ownerAndField = splitOwner(s.contains(" ") ? s.substring(s.lastIndexOf(' ') + 1) : s);
            Optional<Entry> asType = lookup(type, type, -1);
            return asType.isPresent() || ownerAndField == null ? asType
                    : lookup(ownerAndField[0], ownerAndField[1], -1);
        }
        String head = s.substring(0, open);
        String qualified = head.contains(" ") ? head.substring(head.lastIndexOf(' ') + 1) : head;
        String[] ownerAndName = splitOwner(qualified);
        int parameters = countParameters(s.substring(open + 1, s.lastIndexOf(')') < open ? s.length()
                : s.lastIndexOf(')')));
        if (ownerAndName == null) { // a constructor shown as its class name
            String type = simpleName(qualified);
            return lookup(type, type, parameters);
        }
        return lookup(ownerAndName[0], ownerAndName[1], parameters);
    }

    private Optional<Entry> lookup(String owner, String member, int parameters) {
        return byOwner.getOrDefault(owner, List.of()).stream()
                .filter(e -> e.member().equals(member) && e.parameters() == parameters).findFirst();
    }

    /** {@code [ownerSimpleName, member]} of {@code a.b.Owner<T>.member}, or null without a dot. */
    private static String[] splitOwner(String qualified) {
        String plain = stripGenerics(qualified);
        int dot = plain.lastIndexOf('.');
        return dot < 0 ? null : new String[] {simpleName(plain.substring(0, dot)), plain.substring(dot + 1)};
    }

    private static String simpleName(String name) {
        String plain = stripGenerics(name);
        return plain.substring(plain.lastIndexOf('.') + 1);
    }

    private static String stripGenerics(String s) {
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        for (char c : s.toCharArray()) {
            if (c == '<') {
                depth++;
            } else if (c == '>') {
                depth--;
            } else if (depth == 0) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static int countParameters(String list) {
        if (list.isBlank()) {
            return 0;
        }
        int count = 1;
        int depth = 0;
        for (char c : list.toCharArray()) {
            if (c == '<') {
                depth++;
            } else if (c == '>') {
                depth--;
            } else if (c == ',' && depth == 0) {
                count++;
            }
        }
        return count;
    }

    /** Walks one compilation unit and records every documented declaration. */
    private static final class Collector extends TreePathScanner<Void, Void> {
        private final DocTrees docs;
        private final Map<String, List<Entry>> index;
        private final List<String> owners = new ArrayList<>();

        Collector(DocTrees docs, Map<String, List<Entry>> index) {
            this.docs = docs;
            this.index = index;
        }

        @Override
        public Void visitClass(ClassTree tree, Void unused) {
            String name = tree.getSimpleName().toString();
            add(name, name, -1);
            owners.add(name);
            try {
                return super.visitClass(tree, unused);
            } finally {
                owners.remove(owners.size() - 1);
            }
        }

        @Override
        public Void visitMethod(MethodTree tree, Void unused) {
            String owner = owners.isEmpty() ? "" : owners.get(owners.size() - 1);
            String name = tree.getName().contentEquals("<init>") ? owner : tree.getName().toString();
            add(owner, name, tree.getParameters().size());
            return null; // no need to look inside method bodies
        }

        @Override
        public Void visitVariable(VariableTree tree, Void unused) {
            Tree parent = getCurrentPath().getParentPath().getLeaf();
            if (parent instanceof ClassTree && !owners.isEmpty()) {
                add(owners.get(owners.size() - 1), tree.getName().toString(), -1);
            }
            return null;
        }

        private void add(String owner, String member, int parameters) {
            TreePath path = getCurrentPath();
            DocCommentTree comment = docs.getDocCommentTree(path);
            if (comment == null) {
                return;
            }
            String summary = text(comment.getFirstSentence());
            StringBuilder body = new StringBuilder(text(comment.getFullBody()));
            for (DocTree tag : comment.getBlockTags()) {
                if (tag instanceof ParamTree p) {
                    body.append("\n  ").append(p.getName()).append(": ").append(text(p.getDescription()));
                } else if (tag instanceof ReturnTree r) {
                    body.append("\n  returns: ").append(text(r.getDescription()));
                }
            }
            index.computeIfAbsent(owner, k -> new ArrayList<>())
                    .add(new Entry(owner, member, parameters, summary, body.toString().strip()));
        }
    }

    /** Plain text of doc-comment trees: {@code {@code x}} is x, links show their label or target, tags vanish. */
    static String text(List<? extends DocTree> trees) {
        StringBuilder sb = new StringBuilder();
        for (DocTree t : trees) {
            switch (t.getKind()) {
                case TEXT -> sb.append(((TextTree) t).getBody());
                case CODE, LITERAL -> sb.append(((LiteralTree) t).getBody().getBody());
                case LINK, LINK_PLAIN -> {
                    LinkTree link = (LinkTree) t;
                    String label = text(link.getLabel());
                    sb.append(label.isBlank() ? link.getReference().getSignature().replace('#', '.') : label);
                }
                case ENTITY -> sb.append(switch (((EntityTree) t).getName().toString()) {
                    case "lt" -> "<";
                    case "gt" -> ">";
                    case "amp" -> "&";
                    case "nbsp" -> " ";
                    default -> "";
                });
                case START_ELEMENT -> sb.append(t.toString().toLowerCase(Locale.ROOT).startsWith("<li") ? "\n- " : " ");
                default -> { }
            }
        }
        return sb.toString().replaceAll("[ \\t]*\\n[ \\t]*", "\n").replaceAll("[ \\t]{2,}", " ").strip();
    }
}
