/**
 * The source DNN: architectures of METHOD.md §2 built as DL4J ComputationGraphs ({@link org.ullsnn.nn.Networks},
 * {@link org.ullsnn.nn.NetworkSpec}), and the one place where networks are created, copied, saved and loaded
 * ({@link org.ullsnn.nn.Graphs}) so that each runs its convolutions on oneDNN
 * ({@link org.ullsnn.nn.OneDnnHelpers}). Layers are in {@code nn.layers}, training in {@code nn.train}.
 */
package org.ullsnn.nn;
