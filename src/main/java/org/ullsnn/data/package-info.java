/**
 * CIFAR-10 and CIFAR-100 as training data: what the datasets are ({@link org.ullsnn.data.CifarDataset},
 * {@link org.ullsnn.data.CifarLayout}), reading the official binary files into an in-memory
 * {@link org.ullsnn.data.ImageSet} ({@link org.ullsnn.data.CifarReader}), finding the data directory
 * ({@link org.ullsnn.data.DataLocation}), fetching and checking the files ({@link org.ullsnn.data.CifarDownloader},
 * {@link org.ullsnn.data.CifarVerifier}), and feeding DL4J with normalised, augmented, seeded batches
 * ({@link org.ullsnn.data.ImageSetIterator}). {@link org.ullsnn.data.SyntheticImages} gives tiny seeded image
 * sets that other packages' tests can learn on in seconds.
 *
 * <p>Pixels stay {@code byte}s in the official order (R plane, G plane, B plane, each row-major) until a
 * batch is built; only then are they augmented (zero padding happens on raw pixel values) and normalised.
 */
package org.ullsnn.data;
