/**
 * Progress of long operations (downloads, training epochs, calibration, simulation) as plain
 * events: {@link org.ullsnn.progress.ProgressListener} receives {@link org.ullsnn.progress.ProgressEvent}s,
 * and {@link org.ullsnn.progress.ConsoleProgressBar} draws them on a terminal (in place) or as
 * throttled log lines when the output is not a terminal. Every other package reports through this one,
 * so the CLI and the notebook kernel can each render progress their own way.
 */
package org.ullsnn.progress;
