package org.ullsnn.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ullsnn.progress.ProgressListener;
import org.ullsnn.snn.IFNeuronLayer;
import org.ullsnn.snn.SpikingNetwork;

/** {@link SpikingNetwork#withConstantDrive()} on a converted network. */
class ConstantDriveTest {

    private static SpikingNetwork converted(int timesteps) {
        return Converter.convert(SmallTrainedNet.get(), ConvertConfig.of(ThresholdStrategy.fittedDnn(), timesteps,
                SmallTrainedNet.calibrationImages()), ProgressListener.silent()).snn();
    }

    private static List<Boolean> flags(ComputationGraph g) {
        return g.getConfiguration().getVertices().values().stream()
                .filter(v -> v instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof IFNeuronLayer)
                .map(v -> ((IFNeuronLayer) ((LayerVertex) v).getLayerConf().getLayer()).isConstantDrive()).toList();
    }

    @Test
    void aCopyWithEveryIfLayerOnConstantDriveAndTheSameParameters() {
        SpikingNetwork snn = converted(3);
        String fingerprint = snn.fingerprint();
        SpikingNetwork constant = snn.withConstantDrive();
        assertEquals(fingerprint, snn.fingerprint(), "the network itself is untouched");
        assertFalse(flags(snn.graph()).contains(true));
        assertFalse(flags(constant.graph()).isEmpty());
        assertFalse(flags(constant.graph()).contains(false));
        assertEquals(snn.graph().params(), constant.graph().params());
        assertEquals(snn.spikingLayers(), constant.spikingLayers());
        assertEquals(snn.timesteps(), constant.timesteps());
        INDArray x = SmallTrainedNet.testImages();
        String last = snn.spikingLayers().get(snn.spikingLayers().size() - 1).name();
        assertNotEquals(snn.graph().feedForward(x, false).get(last), constant.graph().feedForward(x, false).get(last),
                "the deeper layers get time-varying currents, which constant drive replaces by their mean");
    }

    @Test
    void atOneStepItComputesWhatTheNetworkComputes() {
        SpikingNetwork snn = converted(1);
        INDArray x = SmallTrainedNet.testImages();
        var plain = snn.graph().feedForward(x, false);
        var constant = snn.withConstantDrive().graph().feedForward(x, false);
        for (SpikingNetwork.SpikingLayer l : snn.spikingLayers()) {
            assertEquals(plain.get(l.name()), constant.get(l.name()), l.name());
        }
        assertEquals(plain.get(snn.logitsVertex()), constant.get(snn.logitsVertex()));
    }
}
