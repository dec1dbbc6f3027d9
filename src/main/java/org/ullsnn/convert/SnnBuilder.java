package org.ullsnn.convert;

import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.ullsnn.nn.BatchNormFolding;
import org.ullsnn.nn.Graphs;
import org.ullsnn.snn.IFNeuronLayer;
import org.ullsnn.snn.IFParamInitializer;
import org.ullsnn.snn.ResetMode;
import org.ullsnn.snn.SpikingNetwork;
import org.ullsnn.snn.TimeRepeatLayer;
import org.ullsnn.snn.TimeScanLayer;
import org.ullsnn.snn.TimeSumLayer;

/**
 * Builds the time-folded spiking version of a checked DNN ({@link ConversionPlan}) from per-layer thresholds.
 * <ul>
 *   <li>Weight layers keep their names and shapes; batch norm is folded into them
 *       ({@link BatchNormFolding}); the output scale {@code v} of the spikes they read is folded into their
 *       weights, {@code W' = v W}, so that spikes stay binary.</li>
 *   <li>The weight layer that reads the image runs once per image; a {@link TimeRepeatLayer}
 *       ({@code NAME_repeat}) then feeds its constant current to every step (direct encoding).</li>
 *   <li>Activations become {@link IFNeuronLayer}s with the same names; dropout disappears; max-pools act on
 *       the spikes of each step, or, as count-max pools, on the counts so far ({@code NAME_counts}, a max-pool
 *       {@code NAME_max}, and {@code NAME}, the step differences: {@link TimeScanLayer}); an addition reading
 *       spikes (an identity shortcut) reads them through a
 *       {@link ScaleVertex} ({@code ADD_scaleI}) of their {@code v}.</li>
 *   <li>The output layer becomes a dense layer of per-step logits (same name), a {@link TimeSumLayer}
 *       ({@code NAME_sum}) and a softmax cross-entropy {@link LossLayer} ({@code NAME_loss}).</li>
 * </ul>
 * Layers without a threshold yet get theta = v = 1 (SNN-mode calibration builds the network once per layer,
 * and runs only the part of it that feeds the layer being calibrated).
 */
final class SnnBuilder {

    private static final LayerThreshold PLACEHOLDER = LayerThreshold.of(1.0);

    private SnnBuilder() {
    }

    static SpikingNetwork build(ConversionPlan plan, InputType inputType, int timesteps,
            Map<String, LayerThreshold> thresholds, ResetMode reset) {
        return build(plan, inputType, timesteps, thresholds, reset, false, null);
    }

    /** As above, with count-max pools ({@link TimeScanLayer}) instead of per-step ones when {@code countMaxPool}. */
    static SpikingNetwork build(ConversionPlan plan, InputType inputType, int timesteps,
            Map<String, LayerThreshold> thresholds, ResetMode reset, boolean countMaxPool) {
        return build(plan, inputType, timesteps, thresholds, reset, countMaxPool, null);
    }

    /**
     * As {@link #build(ConversionPlan, InputType, int, Map, ResetMode, boolean)}, with {@code outputShift} (one per
     * class, or null for none) added to the output layer's bias.
     */
    static SpikingNetwork build(ConversionPlan plan, InputType inputType, int timesteps,
            Map<String, LayerThreshold> thresholds, ResetMode reset, boolean countMaxPool, double[] outputShift) {
        ComputationGraph dnn = plan.dnn();
        ComputationGraphConfiguration dnnConf = dnn.getConfiguration();
        String input = dnnConf.getNetworkInputs().get(0);
        GraphBuilder g = new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT)
                .updater(new NoOp())
                .graphBuilder()
                .addInputs(input)
                .setInputTypes(inputType);
        Map<String, String> tensorOf = new HashMap<>(); // DNN vertex -> SNN vertex carrying its value
        Map<String, Double> scaleOf = new HashMap<>();   // DNN vertex -> value one spike stands for
        Map<String, INDArray[]> params = new HashMap<>(); // SNN weight layer -> {W, b or null}
        tensorOf.put(input, input);
        scaleOf.put(input, 1.0);
        Map<String, double[]> shiftOf = biasShifts(plan, thresholds); // carrier weight layer -> delta per channel
        if (outputShift != null) {
            plan.order().stream().filter(n -> n.kind() == ConversionPlan.Kind.OUTPUT)
                    .forEach(n -> shiftOf.put(n.name(), outputShift));
        }
        String output = null;
        for (ConversionPlan.Node node : plan.order()) {
            String name = node.name();
            switch (node.kind()) {
                case INPUT -> { }
                case WEIGHT, OUTPUT -> {
                    String in = node.inputs().get(0);
                    double inScale = scaleOf.get(in);
                    INDArray[] wb = foldedParams(plan, name, inScale);
                    if (shiftOf.containsKey(name)) {
                        wb[1] = shifted(name, node.layer(), wb[1], shiftOf.get(name));
                    }
                    boolean bias = wb[1] != null;
                    g.addLayer(name, copy(node.layer(), bias), tensorOf.get(in));
                    params.put(name, wb);
                    String current = name;
                    if (in.equals(input)) {
                        current = name + "_repeat";
                        g.addLayer(current, new TimeRepeatLayer(timesteps), name);
                    }
                    tensorOf.put(name, current);
                    if (node.kind() == ConversionPlan.Kind.OUTPUT) {
                        g.addLayer(name + "_sum", new TimeSumLayer(timesteps), current);
                        long classes = ((FeedForwardLayer) node.layer()).getNOut(); // long: LossLayer's int setters throw
                        g.addLayer(name + "_loss", new LossLayer.Builder(LossFunctions.LossFunction.MCXENT)
                                .nIn(classes).nOut(classes).activation(Activation.SOFTMAX).build(), name + "_sum");
                        output = name + "_loss";
                    }
                }
                case BATCH_NORM, DROPOUT -> {
                    String in = node.inputs().get(0);
                    tensorOf.put(name, tensorOf.get(in));
                    scaleOf.put(name, scaleOf.getOrDefault(in, 1.0));
                }
                case SPIKING -> {
                    LayerThreshold th = thresholds.getOrDefault(name, PLACEHOLDER);
                    g.addLayer(name, new IFNeuronLayer.Builder().timesteps(timesteps).theta(th.theta()).u0(th.u0())
                            .initialPotential(th.adjustment().initialPotential())
                            .offsetSpikeSteps(th.adjustment().offsetSpikeSteps()).reset(reset).build(),
                            tensorOf.get(node.inputs().get(0)));
                    tensorOf.put(name, name);
                    scaleOf.put(name, th.v());
                }
                case MAX_POOL -> {
                    SubsamplingLayer p = (SubsamplingLayer) node.layer();
                    SubsamplingLayer pool = new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                            .kernelSize(p.getKernelSize()).stride(p.getStride()).padding(p.getPadding())
                            .convolutionMode(p.getConvolutionMode()).build();
                    String in = tensorOf.get(node.inputs().get(0));
                    if (countMaxPool) {
                        g.addLayer(name + "_counts", new TimeScanLayer(timesteps, TimeScanLayer.Direction.ACCUMULATE),
                                in);
                        g.addLayer(name + "_max", pool, name + "_counts");
                        g.addLayer(name, new TimeScanLayer(timesteps, TimeScanLayer.Direction.DIFFERENCE),
                                name + "_max");
                    } else {
                        g.addLayer(name, pool, in);
                    }
                    tensorOf.put(name, name);
                    scaleOf.put(name, scaleOf.get(node.inputs().get(0)));
                }
                case ADD -> {
                    String[] ins = new String[node.inputs().size()];
                    for (int i = 0; i < ins.length; i++) {
                        String in = node.inputs().get(i);
                        ins[i] = tensorOf.get(in);
                        Double scale = scaleOf.get(in);
                        if (scale != null && plan.node(in).kind() != ConversionPlan.Kind.BATCH_NORM
                                && isSpikes(plan, in)) {
                            String scaled = name + "_scale" + i;
                            g.addVertex(scaled, new ScaleVertex(scale), ins[i]);
                            ins[i] = scaled;
                        }
                    }
                    g.addVertex(name, new ElementWiseVertex(ElementWiseVertex.Op.Add), ins);
                    tensorOf.put(name, name);
                }
            }
        }
        ComputationGraphConfiguration conf = g.setOutputs(output).build();
        // every parameter is set below: start from zeros rather than drawing a random init to overwrite
        long count = conf.getVertices().values().stream().mapToLong(v -> v.numParams(true)).sum();
        ComputationGraph snn = Graphs.init(conf, Nd4j.zeros(DataType.FLOAT, 1, count));
        params.forEach((layer, wb) -> {
            Layer l = snn.getLayer(layer);
            l.setParam("W", wb[0]);
            if (wb[1] != null) {
                l.setParam("b", wb[1]);
            }
        });
        for (Layer l : snn.getLayers()) {
            if (l.getConfig() instanceof IFNeuronLayer f) { // what IFParamInitializer assigns when initialising
                l.getParam(IFParamInitializer.THETA_KEY).assign(f.getInitialTheta());
                l.getParam(IFParamInitializer.LAMBDA_KEY).assign(f.getInitialLambda());
            }
        }
        return SpikingNetwork.of(snn);
    }

    /** Per carrier weight layer ({@link ConversionPlan#biasCarrier}), the bias shift its spiking layer asked for. */
    private static Map<String, double[]> biasShifts(ConversionPlan plan, Map<String, LayerThreshold> thresholds) {
        Map<String, double[]> out = new HashMap<>();
        thresholds.forEach((layer, th) -> {
            if (th.adjustment().hasBiasShift()) {
                String carrier = plan.biasCarrier(layer);
                if (out.containsKey(carrier)) {
                    throw new IllegalArgumentException("weight layer '" + carrier + "' carries the bias shifts of two "
                            + "spiking layers, '" + layer + "' and another");
                }
                out.put(carrier, th.adjustment().biasShift());
            }
        });
        return out;
    }

    /** {@code b + delta} (a zero bias first when the layer has none), checked to have one value per channel. */
    private static INDArray shifted(String name, org.deeplearning4j.nn.conf.layers.Layer layer, INDArray b,
            double[] delta) {
        long channels = ((FeedForwardLayer) layer).getNOut();
        if (delta.length != channels) {
            throw new IllegalArgumentException("weight layer '" + name + "' has " + channels + " output channels, but "
                    + "the bias shift of the spiking layer it feeds has " + delta.length + " values");
        }
        INDArray base = b != null ? b : Nd4j.zeros(DataType.FLOAT, 1, channels);
        INDArray d = Nd4j.createFromArray(delta).castTo(DataType.FLOAT).reshape(base.shape());
        return base.add(d);
    }

    private static boolean isSpikes(ConversionPlan plan, String name) {
        ConversionPlan.Kind k = plan.node(name).kind();
        return k == ConversionPlan.Kind.SPIKING || k == ConversionPlan.Kind.MAX_POOL || k == ConversionPlan.Kind.DROPOUT;
    }

    /** {W', b'}: batch norm folded in, input scale multiplied into W; b' is null when there is no bias. */
    private static INDArray[] foldedParams(ConversionPlan plan, String name, double inScale) {
        Layer layer = plan.dnn().getLayer(name);
        INDArray w = layer.getParam("W").castTo(DataType.FLOAT).dup();
        INDArray b = layer.paramTable().containsKey("b") ? layer.getParam("b").castTo(DataType.FLOAT).dup() : null;
        String bn = plan.batchNormOf(name);
        if (bn != null) {
            BatchNormFolding.Folded f = BatchNormFolding.fold(w, b, plan.dnn().getLayer(bn));
            w = f.weights();
            b = f.bias();
        }
        if (inScale != 1.0) {
            w.muli(inScale);
        }
        return new INDArray[] {w, b};
    }

    /** A fresh identity-activation copy of a weight layer's shape. */
    private static org.deeplearning4j.nn.conf.layers.Layer copy(org.deeplearning4j.nn.conf.layers.Layer layer,
            boolean bias) {
        if (layer instanceof ConvolutionLayer c) {
            return new ConvolutionLayer.Builder(c.getKernelSize()).stride(c.getStride()).padding(c.getPadding())
                    .dilation(c.getDilation()).convolutionMode(c.getConvolutionMode()).nIn(c.getNIn())
                    .nOut(c.getNOut()).activation(Activation.IDENTITY).hasBias(bias).build();
        }
        FeedForwardLayer d = (FeedForwardLayer) layer;
        return new DenseLayer.Builder().nIn(d.getNIn()).nOut(d.getNOut()).activation(Activation.IDENTITY)
                .hasBias(bias).build();
    }
}
