package org.ullsnn.snn;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.nd4j.linalg.api.buffer.DataType;
import org.ullsnn.nn.layers.ElementwiseLayerConfig;

/**
 * Configuration of a layer of integrate-and-fire neurons run over {@code T} steps of a time-folded batch
 * (METHOD.md §3), per neuron and step {@code t = 1..T}:
 * <pre>
 * U(t) = lambda * U(t-1) + I(t)        U(0) = u0
 * o(t) = 1[U(t) &gt;= theta]               binary spike
 * U(t) = U(t) - theta * o(t)            reset by subtraction ({@link ResetMode#SUBTRACT}, default)
 * U(t) = U(t) * (1 - o(t))              reset to zero ({@link ResetMode#ZERO})
 * </pre>
 * <ul>
 *   <li>{@code I}: the input current, this layer's input, shape {@code [T*N, ...]} time-major
 *       ({@link TimeFolding}); the output {@code o} has the same shape and holds exactly 0 or 1;</li>
 *   <li>{@code theta}: firing threshold, parameter {@value IFParamInitializer#THETA_KEY}, {@code > 0};</li>
 *   <li>{@code lambda}: leak, parameter {@value IFParamInitializer#LAMBDA_KEY}; 1 gives IF, {@code < 1} LIF;</li>
 *   <li>{@code u0}: the initial membrane potential, a plain number (0 for the paper's method,
 *       {@code theta/2} for the half-threshold shift).</li>
 * </ul>
 * The output scale {@code v} of the layer is not here: conversion folds it into the next layer's weights,
 * so that spikes stay binary.
 *
 * <p>Training through time (METHOD.md §5): the backward pass unrolls the T steps with a {@link Surrogate}
 * derivative for the step ({@code x = U/theta - 1}); theta and lambda get gradients too. Options:
 * {@code detachReset} drops the surrogate terms that flow through the reset; {@code dropout} drops whole
 * neurons with one mask per sample shared by all steps (training only, inverted scaling);
 * {@code smoothForward} replaces the step by the surrogate's antiderivative so that numerical gradient checks
 * can judge the backward code (never for real use).
 *
 * <p>A DL4J configuration bean (no-argument constructor, setters) that survives JSON and {@code clone()};
 * the {@link Builder} validates.
 */
public class IFNeuronLayer extends ElementwiseLayerConfig {

    private int timesteps = 1;
    private double initialTheta = 1.0;
    private double initialLambda = 1.0;
    private double u0;
    private double[] initialPotential = new double[0];
    private int offsetSpikeSteps;
    private ResetMode resetMode = ResetMode.SUBTRACT;
    private Surrogate surrogate = Surrogate.BOXCAR;
    private boolean detachReset;
    private double dropout;
    private boolean smoothForward;
    private boolean constantDrive;

    /** For JSON deserialisation only; use the {@link Builder}. */
    public IFNeuronLayer() {
    }

    private IFNeuronLayer(Builder b) {
        super(b);
        this.timesteps = b.timesteps;
        this.initialTheta = b.theta;
        this.initialLambda = b.lambda;
        this.u0 = b.u0;
        this.initialPotential = b.initialPotential.clone();
        this.offsetSpikeSteps = b.offsetSpikeSteps;
        this.resetMode = b.resetMode;
        this.surrogate = b.surrogate;
        this.detachReset = b.detachReset;
        this.dropout = b.dropout;
        this.smoothForward = b.smoothForward;
        this.constantDrive = b.constantDrive;
    }

    public int getTimesteps() {
        return timesteps;
    }

    public void setTimesteps(int timesteps) {
        this.timesteps = timesteps;
    }

    public double getInitialTheta() {
        return initialTheta;
    }

    public void setInitialTheta(double initialTheta) {
        this.initialTheta = initialTheta;
    }

    public double getInitialLambda() {
        return initialLambda;
    }

    public void setInitialLambda(double initialLambda) {
        this.initialLambda = initialLambda;
    }

    public double getU0() {
        return u0;
    }

    public void setU0(double u0) {
        this.u0 = u0;
    }

    /**
     * A per-neuron initial potential added to {@code u0} at t = 0, one value per neuron of one sample (C-order over
     * the layer's per-sample shape), or empty for none. Config, not a parameter: fine-tuning does not train it.
     */
    public double[] getInitialPotential() {
        return initialPotential.clone();
    }

    /** The initial potentials themselves, not a copy, for the runtime layer's per-pass check; never write to it. */
    double[] initialPotentialView() {
        return initialPotential;
    }

    public void setInitialPotential(double[] initialPotential) {
        this.initialPotential = initialPotential == null ? new double[0] : initialPotential.clone();
    }

    /**
     * Offset-spike pre-run steps rho ({@link OffsetSpikes}; 0 = off): each sample's neurons first run rho steps, then
     * all T steps again from a corrected start. Inference only.
     */
    public int getOffsetSpikeSteps() {
        return offsetSpikeSteps;
    }

    public void setOffsetSpikeSteps(int offsetSpikeSteps) {
        this.offsetSpikeSteps = offsetSpikeSteps;
    }

    public ResetMode getResetMode() {
        return resetMode;
    }

    public void setResetMode(ResetMode resetMode) {
        this.resetMode = resetMode;
    }

    public Surrogate getSurrogate() {
        return surrogate;
    }

    public void setSurrogate(Surrogate surrogate) {
        this.surrogate = surrogate;
    }

    public boolean isDetachReset() {
        return detachReset;
    }

    public void setDetachReset(boolean detachReset) {
        this.detachReset = detachReset;
    }

    /** Drop probability of the time-shared dropout on this layer's spikes (training only). */
    public double getDropout() {
        return dropout;
    }

    public void setDropout(double dropout) {
        this.dropout = dropout;
    }

    public boolean isSmoothForward() {
        return smoothForward;
    }

    public void setSmoothForward(boolean smoothForward) {
        this.smoothForward = smoothForward;
    }

    /**
     * Whether every step integrates the mean of the layer's input current over the T steps instead of the step's own
     * current: the neuron then counts spikes of a constant drive (METHOD.md's {@code N_T(z)}), the SNN's quantisation
     * without its timing ({@link SpikingNetwork#withConstantDrive()}).
     */
    public boolean isConstantDrive() {
        return constantDrive;
    }

    public void setConstantDrive(boolean constantDrive) {
        this.constantDrive = constantDrive;
    }

    @Override
    protected IFNeuron runtime(NeuralNetConfiguration conf, DataType dataType) {
        return new IFNeuron(conf, dataType);
    }

    @Override
    public ParamInitializer initializer() {
        return IFParamInitializer.INSTANCE;
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && o instanceof IFNeuronLayer other && timesteps == other.timesteps
                && Double.compare(initialTheta, other.initialTheta) == 0
                && Double.compare(initialLambda, other.initialLambda) == 0
                && Double.compare(u0, other.u0) == 0 && java.util.Arrays.equals(initialPotential, other.initialPotential)
                && offsetSpikeSteps == other.offsetSpikeSteps && resetMode == other.resetMode && surrogate == other.surrogate
                && detachReset == other.detachReset && Double.compare(dropout, other.dropout) == 0
                && smoothForward == other.smoothForward && constantDrive == other.constantDrive;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(super.hashCode(), timesteps, initialTheta, initialLambda, u0, resetMode, surrogate,
                detachReset, dropout, smoothForward, offsetSpikeSteps, constantDrive) * 31 + java.util.Arrays.hashCode(initialPotential);
    }

    @Override
    public String toString() {
        return "IFNeuronLayer(name=" + getLayerName() + ", T=" + timesteps + ", theta=" + initialTheta
                + ", lambda=" + initialLambda + ", u0=" + u0
                + (initialPotential.length > 0 ? ", initialPotential[" + initialPotential.length + "]" : "")
                + (offsetSpikeSteps > 0 ? ", offsetSpikeSteps=" + offsetSpikeSteps : "") + ", reset=" + resetMode + ", surrogate=" + surrogate
                + (detachReset ? ", detachReset" : "") + (dropout > 0 ? ", dropout=" + dropout : "")
                + (smoothForward ? ", SMOOTH" : "") + (constantDrive ? ", constantDrive" : "") + ")";
    }

    @Override
    public IFNeuronLayer clone() {
        IFNeuronLayer copy = (IFNeuronLayer) super.clone();
        copy.initialPotential = initialPotential.clone();
        return copy;
    }

    /** Builds an {@link IFNeuronLayer}; every value is checked here. */
    public static class Builder extends FeedForwardLayer.Builder<Builder> {
        private int timesteps = 1;
        private double theta = 1.0;
        private double lambda = 1.0;
        private double u0;
        private double[] initialPotential = new double[0];
        private int offsetSpikeSteps;
        private ResetMode resetMode = ResetMode.SUBTRACT;
        private Surrogate surrogate = Surrogate.BOXCAR;
        private boolean detachReset;
        private double dropout;
        private boolean smoothForward;
        private boolean constantDrive;

        /** Number of time steps T of the folded batch, {@code >= 1}. */
        public Builder timesteps(int t) {
            if (t < 1) {
                throw new IllegalArgumentException("timesteps T must be >= 1, got " + t);
            }
            this.timesteps = t;
            return this;
        }

        /** Firing threshold, finite and {@code > 0}. */
        public Builder theta(double value) {
            if (!(value > 0) || !Double.isFinite(value)) {
                throw new IllegalArgumentException("threshold theta must be finite and > 0, got " + value);
            }
            this.theta = value;
            return this;
        }

        /** Leak in (0, 1]; 1 (default) is the IF neuron. */
        public Builder lambda(double value) {
            if (!(value > 0 && value <= 1)) {
                throw new IllegalArgumentException("leak lambda must be in (0, 1], got " + value);
            }
            this.lambda = value;
            return this;
        }

        /** Initial membrane potential, finite (default 0). */
        public Builder u0(double value) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("initial potential u0 must be finite, got " + value);
            }
            this.u0 = value;
            return this;
        }

        /**
         * Per-neuron initial potentials added to u0 at t = 0, one per neuron of one sample (C-order), finite; empty
         * (the default) for none.
         */
        public Builder initialPotential(double[] values) {
            for (double x : values) {
                if (!Double.isFinite(x)) {
                    throw new IllegalArgumentException("initial potentials must be finite, got " + x);
                }
            }
            this.initialPotential = values.clone();
            return this;
        }

        /** Offset-spike pre-run steps rho, 0 (the default, off) or 1 to T ({@link OffsetSpikes}). */
        public Builder offsetSpikeSteps(int rho) {
            if (rho < 0) {
                throw new IllegalArgumentException("offset-spike steps must be >= 0, got " + rho);
            }
            this.offsetSpikeSteps = rho;
            return this;
        }

        /** Reset after a spike (default {@link ResetMode#SUBTRACT}). */
        public Builder reset(ResetMode mode) {
            this.resetMode = java.util.Objects.requireNonNull(mode, "reset mode");
            return this;
        }

        /** Surrogate derivative for training (default {@link Surrogate#BOXCAR}). */
        public Builder surrogate(Surrogate s) {
            this.surrogate = java.util.Objects.requireNonNull(s, "surrogate");
            return this;
        }

        /** Drop the surrogate terms through the reset in the backward pass (default false). */
        public Builder detachReset(boolean detach) {
            this.detachReset = detach;
            return this;
        }

        /** Drop probability in [0, 1) of the time-shared dropout on the spikes, training only (default 0). */
        public Builder dropout(double p) {
            if (!(p >= 0 && p < 1)) {
                throw new IllegalArgumentException("dropout is a drop probability and must be in [0, 1), got " + p);
            }
            this.dropout = p;
            return this;
        }

        /** Gradient checks only: the surrogate's antiderivative replaces the step in the forward pass. */
        public Builder smoothForward(boolean smooth) {
            this.smoothForward = smooth;
            return this;
        }

        /** Every step integrates the time-mean of the input current ({@link IFNeuronLayer#isConstantDrive()}). */
        public Builder constantDrive(boolean constant) {
            this.constantDrive = constant;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public IFNeuronLayer build() {
            return new IFNeuronLayer(this);
        }
    }
}
