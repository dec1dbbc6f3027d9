package org.ullsnn.nn;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNSubsamplingHelper;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one place where convolution and pooling layers are put on oneDNN.
 *
 * <p>Why: DL4J 1.0.0-M2.1 never gives its layers their oneDNN helpers. Helper creation is off by
 * default ({@code org.eclipse.deeplearning4j.helpers.disable=true}), and when turned on, its support check
 * looks up {@code org.nd4j.nativeblas.Nd4jCpu$Environment}, a class that no longer exists, logs a false
 * ERROR and gives up. Convolutions then silently run as im2col + gemm, about 8x slower on CPU. This class
 * sets each 2-D {@link ConvolutionLayer}'s and {@link SubsamplingLayer}'s {@code helper} field to
 * {@link MKLDNNConvHelper} / {@link MKLDNNSubsamplingHelper} directly, without calling the broken
 * {@code checkSupported()}.
 *
 * <p>Helpers live in the runtime layers, not in the configuration, so they must be installed again after
 * every {@code init()}, {@code clone()} and restore: {@link Graphs} does that for the whole project.
 * Only exact {@code ConvolutionLayer}/{@code SubsamplingLayer} instances are touched (not their 1-D,
 * depthwise or separable subclasses, which the helpers do not implement), and only on the CPU backend.
 */
public final class OneDnnConvolution {

    private static final Field CONV_HELPER = helperField(ConvolutionLayer.class);
    private static final Field POOL_HELPER = helperField(SubsamplingLayer.class);

    private OneDnnConvolution() {
    }

    /** Whether the active ND4J backend is the CPU one (the only one oneDNN helpers serve). */
    public static boolean backendSupportsOneDnn() {
        String backend = Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend");
        return "CPU".equalsIgnoreCase(backend);
    }

    /**
     * Gives every 2-D convolution and pooling layer of {@code net} its oneDNN helper (on the CPU backend;
     * elsewhere a no-op). Idempotent.
     *
     * @return {@code net}, for chaining
     */
    public static ComputationGraph enable(ComputationGraph net) {
        if (backendSupportsOneDnn()) {
            for (Layer layer : net.getLayers()) {
                if (layer.getClass() == ConvolutionLayer.class) {
                    set(CONV_HELPER, layer, new MKLDNNConvHelper(layer.getParam("W").dataType()));
                } else if (layer.getClass() == SubsamplingLayer.class) {
                    set(POOL_HELPER, layer, new MKLDNNSubsamplingHelper(net.getConfiguration().getDataType()));
                }
            }
        }
        return net;
    }

    /** Removes the helpers again, back to DL4J's built-in im2col path (benchmarks, equivalence tests). */
    public static ComputationGraph disable(ComputationGraph net) {
        for (Layer layer : net.getLayers()) {
            if (layer.getClass() == ConvolutionLayer.class) {
                set(CONV_HELPER, layer, null);
            } else if (layer.getClass() == SubsamplingLayer.class) {
                set(POOL_HELPER, layer, null);
            }
        }
        return net;
    }

    /** Names of the 2-D convolution/pooling layers of {@code net} that lack a oneDNN helper. */
    public static List<String> layersWithoutHelper(ComputationGraph net) {
        List<String> missing = new ArrayList<>();
        for (Layer layer : net.getLayers()) {
            if (layer.getClass() == ConvolutionLayer.class && !(get(CONV_HELPER, layer) instanceof MKLDNNConvHelper)
                    || layer.getClass() == SubsamplingLayer.class
                    && !(get(POOL_HELPER, layer) instanceof MKLDNNSubsamplingHelper)) {
                missing.add(layer.getConfig().getLayerName());
            }
        }
        return missing;
    }

    /** Whether every 2-D convolution/pooling layer of {@code net} runs on oneDNN. */
    public static boolean isEnabled(ComputationGraph net) {
        return layersWithoutHelper(net).isEmpty();
    }

    private static Field helperField(Class<?> type) {
        try {
            Field field = type.getDeclaredField("helper");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("DL4J's " + type.getSimpleName()
                    + " has no 'helper' field: this fix is written for DL4J 1.0.0-M2.1", e);
        }
    }

    private static void set(Field field, Object target, Object value) {
        try {
            field.set(target, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot set " + field, e);
        }
    }

    private static Object get(Field field, Object target) {
        try {
            return field.get(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + field, e);
        }
    }
}
