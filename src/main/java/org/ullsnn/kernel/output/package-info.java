/**
 * What a cell shows: {@link org.ullsnn.kernel.output.CellOutput} routes {@code System.out}/{@code System.err}
 * (as streamed text) and displays to the request that is running, {@link org.ullsnn.kernel.output.Renderers} give
 * XChart charts, Tablesaw tables and ND4J arrays their rich forms, and
 * {@link org.ullsnn.kernel.output.ProgressDisplay} draws the library's progress events as one bar updated in place.
 */
package org.ullsnn.kernel.output;
