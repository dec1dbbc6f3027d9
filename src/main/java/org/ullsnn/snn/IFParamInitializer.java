package org.ullsnn.snn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The two scalar parameters of an {@link IFNeuronLayer}: the threshold {@value #THETA_KEY} and the leak
 * {@value #LAMBDA_KEY}, each {@code [1, 1]}, views of the network's flat parameter array. They count as
 * bias-like parameters, so weight L2 does not apply to them.
 */
public final class IFParamInitializer implements ParamInitializer {

    /** Parameter key of the firing threshold theta. */
    public static final String THETA_KEY = "theta";
    /** Parameter key of the membrane leak lambda (1 = IF). */
    public static final String LAMBDA_KEY = "lambda";

    static final IFParamInitializer INSTANCE = new IFParamInitializer();
    private static final long[] SCALAR = {1, 1};
    private static final List<String> KEYS = List.of(THETA_KEY, LAMBDA_KEY);

    private IFParamInitializer() {
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return 2;
    }

    @Override
    public long numParams(Layer layer) {
        return 2;
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return KEYS;
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return Collections.emptyList();
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return KEYS;
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return false;
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return KEYS.contains(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        if (!(conf.getLayer() instanceof IFNeuronLayer layer)) {
            throw new IllegalArgumentException("expected an IFNeuronLayer configuration, got "
                    + conf.getLayer().getClass().getName());
        }
        if (paramsView.length() != 2) {
            throw new IllegalStateException("IF layer '" + layer.getLayerName()
                    + "' expects a parameter view of length 2, got " + paramsView.length());
        }
        Map<String, INDArray> params = split(paramsView);
        if (initializeParams) {
            params.get(THETA_KEY).assign(layer.getInitialTheta());
            params.get(LAMBDA_KEY).assign(layer.getInitialLambda());
        }
        conf.addVariable(THETA_KEY);
        conf.addVariable(LAMBDA_KEY);
        return Collections.synchronizedMap(params);
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return split(gradientView);
    }

    private static Map<String, INDArray> split(INDArray flat) {
        INDArray row = flat.reshape('c', new long[] {flat.length()});
        Map<String, INDArray> out = new LinkedHashMap<>();
        out.put(THETA_KEY, row.get(NDArrayIndex.interval(0, 1)).reshape('c', SCALAR));
        out.put(LAMBDA_KEY, row.get(NDArrayIndex.interval(1, 2)).reshape('c', SCALAR));
        return out;
    }
}
