package org.ullsnn.snn;

/**
 * The recorded course of one neuron over T steps.
 *
 * @param request what was asked for
 * @param trace   current, potential before/after reset, spikes per step
 */
public record MembraneTrace(TraceRequest request, NeuronDynamics.Trace trace) {
}
