package org.ullsnn.convert;

import java.util.List;
import org.ullsnn.snn.SpikingNetwork;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A converted network and the per-layer choices that made it.
 *
 * @param snn       the spiking network
 * @param strategy  the strategy's name
 * @param timesteps T
 * @param layers    one entry per spiking layer, in order
 * @param calibrationSeconds wall-clock seconds the conversion took (calibration, the strategy's choices and the
 *                  build), without the DNN capture that a sweep shares; NaN when not measured
 */
public record ConversionResult(SpikingNetwork snn, String strategy, int timesteps, List<LayerConversion> layers,
        double calibrationSeconds) {

    public ConversionResult {
        layers = List.copyOf(layers);
    }

    /** A result whose time was not measured. */
    public ConversionResult(SpikingNetwork snn, String strategy, int timesteps, List<LayerConversion> layers) {
        this(snn, strategy, timesteps, layers, Double.NaN);
    }

    /**
     * Per layer: mu, theta, v, u0, alpha = theta/mu, beta = v/mu, the fractions of z at 0, inside, clipped, and the
     * Euclidean norm of the per-channel current shift (0 without one).
     */
    public Table toTable() {
        StringColumn layer = StringColumn.create("layer");
        DoubleColumn mu = DoubleColumn.create("mu");
        DoubleColumn theta = DoubleColumn.create("theta");
        DoubleColumn v = DoubleColumn.create("v");
        DoubleColumn u0 = DoubleColumn.create("u0");
        DoubleColumn alpha = DoubleColumn.create("alpha");
        DoubleColumn beta = DoubleColumn.create("beta");
        DoubleColumn zero = DoubleColumn.create("frac_z_le_0");
        DoubleColumn inside = DoubleColumn.create("frac_inside");
        DoubleColumn clipped = DoubleColumn.create("frac_clipped");
        DoubleColumn shift = DoubleColumn.create("bias_shift_norm");
        for (LayerConversion l : layers) {
            layer.append(l.layer());
            mu.append(l.mu());
            theta.append(l.threshold().theta());
            v.append(l.threshold().v());
            u0.append(l.threshold().u0());
            alpha.append(l.alpha());
            beta.append(l.beta());
            zero.append(l.atOrBelowZero());
            inside.append(l.inside());
            clipped.append(l.clipped());
            shift.append(l.threshold().adjustment().biasShiftNorm());
        }
        return Table.create(strategy + " at T = " + timesteps, layer, mu, theta, v, u0, alpha, beta, zero, inside,
                clipped, shift);
    }
}
