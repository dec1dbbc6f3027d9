package org.ullsnn.importer;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.ullsnn.convert.Converter;

/**
 * The steps every importer shares once it has a {@link LoweredNetwork}: name the vertices ({@link VertexNaming}),
 * build the graph ({@link GraphAssembler}), and run the converter's own check, so a network the converter could
 * not take is refused at import.
 */
final class ImportAssembly {

    private ImportAssembly() {
    }

    static ImportedNetwork finish(LoweredNetwork lowered, ImportedNetwork.Source source) {
        Map<LayerNode, String> names = VertexNaming.of(lowered.layers(), lowered.output());
        ComputationGraph net = GraphAssembler.assemble(lowered, names);
        try {
            Converter.requireConvertible(net);
        } catch (IllegalArgumentException e) {
            throw new UnsupportedModelException("the imported network cannot be converted to an SNN: "
                    + e.getMessage());
        }
        List<ImportedNetwork.Row> rows = lowered.layers().stream().map(l -> new ImportedNetwork.Row(names.get(l),
                kind(l.spec()), l.sourceNode())).toList();
        int classes = ((LayerSpec.Dense) lowered.output().spec()).outputs();
        return new ImportedNetwork(net, source, lowered.channels(), lowered.height(), lowered.width(), classes, rows);
    }

    private static String kind(LayerSpec spec) {
        if (spec instanceof LayerSpec.Activation a) {
            return a.isClip() ? "ClipReLU(" + a.mu() + ")" : "ReLU";
        }
        return spec.getClass().getSimpleName();
    }
}
