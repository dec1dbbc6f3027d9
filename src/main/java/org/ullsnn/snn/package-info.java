/**
 * Spiking networks as time-folded DL4J graphs: multi-step IF/LIF layers ({@link org.ullsnn.snn.IFNeuronLayer})
 * whose synaptic ops run once over {@code [T*N, ...]} while only the neuron update loops over t, time
 * repeat/sum layers, and the {@link org.ullsnn.snn.Simulator} (accuracy after every step, spike counts,
 * membrane traces). This package takes theta, v, u0 as plain numbers; choosing them is {@code convert}'s job.
 */
package org.ullsnn.snn;
