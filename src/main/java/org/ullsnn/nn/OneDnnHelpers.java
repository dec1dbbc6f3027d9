package org.ullsnn.nn;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNSubsamplingHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.layers.normalization.BatchNormalizationHelper;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.ullsnn.nn.layers.ChannelBatchNormHelper;

/**
 * The one place where convolution, pooling and batch-norm layers get their fast paths: oneDNN for convolution and
 * pooling, our own {@link ChannelBatchNormHelper} for batch norm.
 *
 * <p>Why: DL4J 1.0.0-M2.1 never gives its layers their oneDNN helpers. Helper creation is off by
 * default ({@code org.eclipse.deeplearning4j.helpers.disable=true}), and when turned on, its support check
 * looks up {@code org.nd4j.nativeblas.Nd4jCpu$Environment}, a class that no longer exists, logs a false
 * ERROR and gives up. Layers then silently take DL4J's own path: convolutions as im2col + gemm (about 8x
 * slower on CPU), batch norm as a chain of broadcast ops (a BN network inferred 4x slower than the same
 * network without BN). This class sets the {@code helper} field of each 2-D {@link ConvolutionLayer},
 * {@link SubsamplingLayer} and {@link BatchNormalization} to {@link MKLDNNConvHelper},
 * {@link MKLDNNSubsamplingHelper} directly, without calling the broken {@code checkSupported()}, and that of each
 * batch-norm layer to {@link ChannelBatchNormHelper} (NCHW, trained gamma and beta: all of ours; its backward took
 * 10 ms where DL4J's {@link MKLDNNBatchNormHelper}, which the others keep, took 75 ms on a [120, 16, 32, 32] batch).
 *
 * <p>Helpers live in the runtime layers, not in the configuration, so they must be installed again after
 * every {@code init()}, {@code clone()} and restore: {@link Graphs} does that for the whole project.
 * Only exact {@code ConvolutionLayer}/{@code SubsamplingLayer}/{@code BatchNormalization} instances are
 * touched (not the 1-D, depthwise or separable subclasses, which the helpers do not implement), only on the
 * CPU backend, and batch norm only in FLOAT networks (the one type its helper serves).
 */
public final class OneDnnHelpers {

    private static final Kind CONV = new Kind(ConvolutionLayer.class, MKLDNNConvHelper.class);
    private static final Kind POOL = new Kind(SubsamplingLayer.class, MKLDNNSubsamplingHelper.class);
    private static final Kind BATCH_NORM = new Kind(BatchNormalization.class, BatchNormalizationHelper.class);
    private static final List<Kind> KINDS = List.of(CONV, POOL, BATCH_NORM);

    private OneDnnHelpers() {
    }

    /** Whether the active ND4J backend is the CPU one (the only one oneDNN helpers serve). */
    public static boolean backendSupportsOneDnn() {
        String backend = Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend");
        return "CPU".equalsIgnoreCase(backend);
    }

    /**
     * Gives every 2-D convolution, pooling and (FLOAT) batch-norm layer of {@code net} its oneDNN helper (on
     * the CPU backend; elsewhere a no-op). Idempotent.
     *
     * @return {@code net}, for chaining
     */
    public static ComputationGraph enable(ComputationGraph net) {
        if (!backendSupportsOneDnn()) {
            return net;
        }
        DataType netType = net.getConfiguration().getDataType();
        for (Layer layer : net.getLayers()) {
            if (layer.getClass() == CONV.layer) {
                set(CONV.field, layer, new MKLDNNConvHelper(layer.getParam("W").dataType()));
            } else if (layer.getClass() == POOL.layer) {
                set(POOL.field, layer, new MKLDNNSubsamplingHelper(netType));
            } else if (layer.getClass() == BATCH_NORM.layer && netType == DataType.FLOAT) {
                set(BATCH_NORM.field, layer, batchNormHelper((BatchNormalization) layer, netType));
            }
        }
        return net;
    }

    /** Ours for NCHW layers with trained gamma and beta (nearly all), DL4J's oneDNN one for the rest. */
    private static BatchNormalizationHelper batchNormHelper(BatchNormalization layer, DataType netType) {
        var conf = (org.deeplearning4j.nn.conf.layers.BatchNormalization) layer.getConfig();
        boolean ours = conf.getCnn2DFormat() == CNN2DFormat.NCHW && !conf.isLockGammaBeta();
        return ours ? new ChannelBatchNormHelper() : new MKLDNNBatchNormHelper(netType);
    }

    /** Removes the helpers again, back to DL4J's built-in paths (benchmarks, equivalence tests). */
    public static ComputationGraph disable(ComputationGraph net) {
        for (Layer layer : net.getLayers()) {
            for (Kind kind : KINDS) {
                if (layer.getClass() == kind.layer) {
                    set(kind.field, layer, null);
                }
            }
        }
        return net;
    }

    /**
     * Names of the layers of {@code net} that could run on oneDNN but lack their helper (batch norm counts only
     * in FLOAT networks).
     */
    public static List<String> layersWithoutHelper(ComputationGraph net) {
        boolean floatNet = net.getConfiguration().getDataType() == DataType.FLOAT;
        List<String> missing = new ArrayList<>();
        for (Layer layer : net.getLayers()) {
            for (Kind kind : KINDS) {
                boolean applies = layer.getClass() == kind.layer
                        && (kind != BATCH_NORM || floatNet);
                if (applies && !kind.helper.isInstance(get(kind.field, layer))) {
                    missing.add(layer.getConfig().getLayerName());
                }
            }
        }
        return missing;
    }

    /** The helper installed in {@code layer} (a convolution, pooling or batch-norm layer), or null. */
    public static Object helperOf(Layer layer) {
        for (Kind kind : KINDS) {
            if (layer.getClass() == kind.layer) {
                return get(kind.field, layer);
            }
        }
        return null;
    }

    /** Whether every layer of {@code net} that could run on oneDNN does. */
    public static boolean isEnabled(ComputationGraph net) {
        return layersWithoutHelper(net).isEmpty();
    }

    /** A DL4J layer class, the oneDNN helper class it takes, and its private {@code helper} field. */
    private record Kind(Class<?> layer, Class<?> helper, Field field) {
        Kind(Class<?> layer, Class<?> helper) {
            this(layer, helper, helperField(layer));
        }
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
