package org.ullsnn.nn.layers;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The single parameter of a {@link ClipReLULayer}: {@code mu}, shape {@code [1, 1]}, a view of the
 * network's flat parameter array. It counts as a weight parameter so that L2 regularisation applies.
 */
public final class ClipReLUParamInitializer implements ParamInitializer {

    /** Parameter key of the clip value. */
    public static final String MU_KEY = "mu";

    static final ClipReLUParamInitializer INSTANCE = new ClipReLUParamInitializer();

    private static final long[] SHAPE = {1, 1};

    private ClipReLUParamInitializer() {
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return 1;
    }

    @Override
    public long numParams(Layer layer) {
        return 1;
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return Collections.singletonList(MU_KEY);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return Collections.singletonList(MU_KEY);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return Collections.emptyList();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return MU_KEY.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return false;
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        if (!(conf.getLayer() instanceof ClipReLULayer layer)) {
            throw new IllegalArgumentException("expected a ClipReLULayer configuration, got "
                    + conf.getLayer().getClass().getName());
        }
        if (paramsView.length() != 1) {
            throw new IllegalStateException("ClipReLU layer '" + layer.getLayerName()
                    + "' expects a parameter view of length 1, got " + paramsView.length());
        }
        INDArray mu = paramsView.reshape('c', SHAPE);
        if (initializeParams) {
            mu.assign(layer.getInitialMu());
        }
        conf.addVariable(MU_KEY);
        Map<String, INDArray> params = Collections.synchronizedMap(new LinkedHashMap<>());
        params.put(MU_KEY, mu);
        return params;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        out.put(MU_KEY, gradientView.reshape('c', SHAPE));
        return out;
    }
}
