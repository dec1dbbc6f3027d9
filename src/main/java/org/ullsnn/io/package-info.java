/**
 * File writing that never leaves a half-written result: {@link org.ullsnn.io.AtomicFile} writes to a
 * temporary sibling and moves it into place. Used for models, checkpoints, configs and metrics.
 */
package org.ullsnn.io;
