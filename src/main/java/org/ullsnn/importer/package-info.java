/**
 * Bringing networks trained elsewhere into the lab: {@link org.ullsnn.importer.OnnxImporter} reads an ONNX model
 * (PyTorch's {@code torch.onnx.export}) and builds the {@link org.deeplearning4j.nn.graph.ComputationGraph} our own
 * {@link org.ullsnn.nn.Networks} would build for it: the same layer types, split activations and vertex names, so
 * calibration, conversion, energy estimates and the notebooks take it unchanged.
 *
 * <p>The ONNX protobuf classes are the ones compiled into {@code nd4j-api} ({@code onnx.Onnx}, on ND4J's shaded
 * protobuf-java); see DESIGN-NOTES.md.
 */
package org.ullsnn.importer;
