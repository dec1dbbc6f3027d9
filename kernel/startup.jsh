// ULL-SNN Lab kernel: imports every cell has without import lines. Runs before the first cell.
// Your own imports and helpers: ULLSNN_KERNEL_STARTUP=/path/to/mine.jsh (run after this file).

// Java: the jshell tool's default imports
import java.io.*;
import java.math.*;
import java.net.*;
import java.nio.file.*;
import java.util.*;
import java.util.concurrent.*;
import java.util.function.*;
import java.util.regex.*;
import java.util.stream.*;

// the library
import org.ullsnn.data.*;
import org.ullsnn.nn.*;
import org.ullsnn.nn.layers.*;
import org.ullsnn.nn.train.*;
import org.ullsnn.stats.*;
import org.ullsnn.convert.*;
import org.ullsnn.snn.*;
import org.ullsnn.energy.*;
import org.ullsnn.experiment.*;
import org.ullsnn.importer.*;
import org.ullsnn.plot.*;
import org.ullsnn.progress.*;
import org.ullsnn.io.*;
import org.ullsnn.lab.*;

// tables and charts
import tech.tablesaw.api.*;
import org.knowm.xchart.*;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

// ND4J and DL4J basics
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.deeplearning4j.nn.graph.ComputationGraph;

// the notebook facade: display, updateDisplay, render, markdown, latex, html, progress, clearOutput, page
import static org.ullsnn.kernel.Notebook.*;

// simple names that two of the packages above define: these single-type imports decide
// (Histogram: org.knowm.xchart.Histogram is written out in full)
import org.ullsnn.stats.Histogram;
