package org.ullsnn.importer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives the layers of an imported network the vertex names {@link org.ullsnn.nn.Networks} gives its own, so tables,
 * notebooks and energy reports read the same: chain convolutions {@code conv1, conv2, ...} with {@code convI_bn} and
 * {@code convI_act}; pools {@code pool1, ...}; hidden dense layers {@code fc1, ...} with {@code fcI_bn} and
 * {@code fcI_act}; the classifier {@code output}; and each residual block {@code sSbB_} + {@code conv1, bn1, act1,
 * conv2, bn2, ...}, its projection {@code short, short_bn}, {@code add}, and the activation after the add
 * {@code actK} (K = the block's convolution count). A block with a projection starts a new stage, except the first.
 */
final class VertexNaming {

    private final Map<LayerNode, String> names = new IdentityHashMap<>();
    private final Set<String> used = new HashSet<>();
    private int convs;
    private int pools;
    private int fcs;
    private int others;

    private VertexNaming() {
    }

    /** The name of every layer of {@code layers} (in topological order); {@code output} is the classifier. */
    static Map<LayerNode, String> of(List<LayerNode> layers, LayerNode output) {
        VertexNaming n = new VertexNaming();
        n.nameBlocks(layers);
        n.nameChain(layers, output);
        return n.names;
    }

    private void nameBlocks(List<LayerNode> layers) {
        Map<LayerNode, Integer> uses = new HashMap<>();
        layers.forEach(l -> l.inputs().forEach(i -> uses.merge(i, 1, Integer::sum)));
        int stage = 1;
        int block = 0;
        for (LayerNode add : layers) {
            if (!(add.spec() instanceof LayerSpec.Add)) {
                continue;
            }
            List<LayerNode> a = branch(add.inputs().get(0));
            List<LayerNode> b = branch(add.inputs().get(1));
            LayerNode fork = fork(a, b);
            List<LayerNode> left = upTo(a, fork);
            List<LayerNode> right = upTo(b, fork);
            List<LayerNode> residual = left.size() >= right.size() ? left : right;
            List<LayerNode> shortcut = residual == left ? right : left;
            boolean projection = shortcut.stream().anyMatch(l -> l.spec() instanceof LayerSpec.Conv);
            if (projection && block > 0) {
                stage++;
                block = 1;
            } else {
                block++;
            }
            String p = "s" + stage + "b" + block + "_";
            int k = nameResidual(p, residual);
            nameShortcut(p, shortcut);
            put(add, p + "add");
            LayerNode after = layers.stream().filter(l -> l.inputs().contains(add)).findFirst().orElse(null);
            if (after != null && after.spec() instanceof LayerSpec.Activation && uses.getOrDefault(add, 0) == 1) {
                put(after, p + "act" + k);
            }
        }
    }

    /** The layers from {@code start} back to the input or the previous block's sum, nearest first. */
    private static List<LayerNode> branch(LayerNode start) {
        List<LayerNode> chain = new ArrayList<>();
        for (LayerNode l = start; l != null; l = l.spec() instanceof LayerSpec.Add ? null : l.input()) {
            chain.add(l);
        }
        return chain;
    }

    /** The nearest layer both branches pass through (the block's input); null when that is the image input. */
    private static LayerNode fork(List<LayerNode> a, List<LayerNode> b) {
        Set<LayerNode> inB = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        inB.addAll(b);
        return a.stream().filter(inB::contains).findFirst().orElse(null);
    }

    /** The branch's layers before {@code fork}, in forward order. */
    private static List<LayerNode> upTo(List<LayerNode> branch, LayerNode fork) {
        List<LayerNode> out = new ArrayList<>();
        for (LayerNode l : branch) {
            if (l == fork) {
                break;
            }
            out.add(0, l);
        }
        return out;
    }

    /** Names the residual branch; returns its convolution count. */
    private int nameResidual(String p, List<LayerNode> residual) {
        int k = 0;
        for (LayerNode l : residual) {
            LayerSpec s = l.spec();
            if (s instanceof LayerSpec.Conv || s instanceof LayerSpec.Dense) {
                put(l, p + "conv" + (++k));
            } else if (s instanceof LayerSpec.BatchNorm) {
                put(l, p + "bn" + k);
            } else if (s instanceof LayerSpec.Activation) {
                put(l, p + "act" + k);
            } else if (s instanceof LayerSpec.MaxPool) {
                put(l, p + "pool" + k);
            }
        }
        return k;
    }

    private void nameShortcut(String p, List<LayerNode> shortcut) {
        int convsHere = 0;
        for (LayerNode l : shortcut) {
            LayerSpec s = l.spec();
            if (s instanceof LayerSpec.Conv) {
                convsHere++;
                put(l, p + "short" + (convsHere == 1 ? "" : convsHere));
            } else if (s instanceof LayerSpec.BatchNorm) {
                put(l, p + "short" + (convsHere <= 1 ? "" : convsHere) + "_bn");
            } else {
                put(l, p + "short_" + simpleKind(s) + (++others));
            }
        }
    }

    private void nameChain(List<LayerNode> layers, LayerNode output) {
        for (LayerNode l : layers) {
            if (names.containsKey(l)) {
                continue;
            }
            LayerSpec s = l.spec();
            if (l == output) {
                put(l, "output");
            } else if (s instanceof LayerSpec.Conv) {
                put(l, "conv" + (++convs));
            } else if (s instanceof LayerSpec.Dense) {
                put(l, "fc" + (++fcs));
            } else if (s instanceof LayerSpec.MaxPool) {
                put(l, "pool" + (++pools));
            } else if (s instanceof LayerSpec.BatchNorm) {
                put(l, names.get(l.input()) + "_bn");
            } else if (s instanceof LayerSpec.Activation) {
                LayerNode base = l.input().spec() instanceof LayerSpec.BatchNorm ? l.input().input() : l.input();
                String baseName = names.get(base);
                put(l, baseName != null && !baseName.contains("_") ? baseName + "_act" : "act" + (++others));
            } else {
                put(l, simpleKind(s) + (++others));
            }
        }
    }

    private static String simpleKind(LayerSpec s) {
        return s.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }

    private void put(LayerNode l, String name) {
        if (!used.add(name)) {
            throw new IllegalStateException("vertex name '" + name + "' given twice (ONNX node '" + l.sourceNode()
                    + "')");
        }
        names.put(l, name);
    }
}
