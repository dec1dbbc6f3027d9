/**
 * What the reproduction notebooks share: the mode ({@link org.ullsnn.lab.LabMode}: {@code SMOKE=1} shrinks every
 * notebook to seconds on synthetic images), the repository's folders ({@link org.ullsnn.lab.LabPaths}), and a
 * notebook's trained DNN with its calibration images, test data and figures folder
 * ({@link org.ullsnn.lab.LabInputs}). No science of its own: it wires the library's calls as the CLI does.
 */
package org.ullsnn.lab;
