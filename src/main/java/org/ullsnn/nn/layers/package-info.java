/**
 * Custom DL4J layers of the source DNN: {@link org.ullsnn.nn.layers.ClipReLULayer}, the clipped ReLU
 * {@code a = clip(z, 0, mu)} with one trainable clip value {@code mu} per layer (METHOD.md §1), as the
 * usual DL4J trio of configuration bean, runtime layer and parameter initialiser.
 */
package org.ullsnn.nn.layers;
