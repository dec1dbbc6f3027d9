/**
 * File writing that never leaves a half-written result: {@link org.ullsnn.io.AtomicFile} writes to a
 * temporary sibling and moves it into place. Used for models, checkpoints, configs and metrics. Also safe file
 * names ({@link org.ullsnn.io.FileNames}), deleting a folder tree ({@link org.ullsnn.io.FileTrees}) and SHA-256
 * digests ({@link org.ullsnn.io.Sha256}).
 */
package org.ullsnn.io;
