/**
 * Compute energy of a DNN and of its converted SNN (METHOD.md §6): per-layer MACs from the network's shapes
 * ({@link org.ullsnn.energy.EnergyModel}), synaptic operations from measured input spike rates
 * ({@link org.ullsnn.energy.SpikeActivity}), and the {@link org.ullsnn.energy.EnergyReport} that prices them under
 * {@link org.ullsnn.energy.EnergyCosts} (45 nm presets or user constants) and explicit
 * {@link org.ullsnn.energy.EnergyConventions}; its ratio E_DNN / E_SNN is never shown without them.
 */
package org.ullsnn.energy;
