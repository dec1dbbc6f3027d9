package org.ullsnn.nn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An inference forward pass through a {@link ComputationGraph} that shows every vertex's output to a visitor while
 * it is computed, with every allocation of the pass in one workspace that is reused from batch to batch.
 *
 * <p>Why not {@code ComputationGraph.output(names...)}: DL4J copies each requested output out of its workspaces
 * into freshly allocated memory; asking it for all IF layers of a VGG-16 SNN made a simulation 2.5-3x slower than
 * asking for the logits alone (measured, T = 4, batch 100). Here the outputs stay in the workspace: the pass runs
 * as fast as {@code output} of the logits alone, and a visitor can count spikes or pick samples from any vertex.
 * DL4J's own in-workspace pass ({@code ffToLayerActivationsInWS}) is protected, so the vertices are fed and run
 * here as {@code ComputationGraph.output} runs them.
 *
 * <p>Each instance has its own named workspace, which learns its size on the first batch (a pass of a width-0.25
 * VGG-16 SNN at T = 4, batch 100, holds about 265 MB), grows when a larger pass spills over it, and stays with the
 * thread until {@link #release()}: {@link #SHARED} serves simulations, so a sweep learns its size once, and a
 * calibration uses its own and frees it when done. Outputs are valid only inside the visitor's calls: copy what
 * must outlive the pass (or compute under {@code Nd4j.getMemoryManager().scopeOutOfWorkspaces()}).
 */
public final class GraphForward {

    /** Learns its size on the first pass, then serves every allocation of a pass from one block. */
    private static final WorkspaceConfiguration WORKSPACE_CONFIG = WorkspaceConfiguration.builder()
            .initialSize(0).overallocationLimit(0.1).policyReset(ResetPolicy.BLOCK_LEFT)
            .policyAllocation(AllocationPolicy.OVERALLOCATE).policySpill(SpillPolicy.REALLOCATE)
            .policyLearning(LearningPolicy.FIRST_LOOP).build();
    /** The pass simulations use; its workspace stays with the thread (declared after the configuration it reads). */
    public static final GraphForward SHARED = new GraphForward("ULLSNN_GRAPH_FORWARD");

    private final String workspace;
    /**
     * Puts every array a layer creates into {@link #workspace}. Each type is mapped explicitly: a manager built
     * with {@code defaultNoWorkspace()} first keeps every type scoped out, whatever {@code with} says after.
     */
    private final LayerWorkspaceMgr workspaceMgr;

    /** Sees the outputs of one pass. */
    public interface Visitor {

        /** The output of {@code vertex}, just computed. */
        default void onVertex(String vertex, INDArray output) {
        }

        /** Every vertex's output (sources included) once all have run. */
        default void onEnd(Map<String, INDArray> outputs) {
        }
    }

    /** A pass with its own workspace called {@code workspace}. */
    public GraphForward(String workspace) {
        this.workspace = workspace;
        LayerWorkspaceMgr.Builder b = LayerWorkspaceMgr.builder();
        for (ArrayType type : ArrayType.values()) {
            b.with(type, workspace, WORKSPACE_CONFIG);
        }
        this.workspaceMgr = b.build();
    }

    /** The whole graph on {@code input} (its single network input). */
    public void run(ComputationGraph graph, INDArray input, Visitor visitor) {
        List<String> inputs = graph.getConfiguration().getNetworkInputs();
        if (inputs.size() != 1) {
            throw new IllegalArgumentException("the graph has " + inputs.size() + " inputs; one is supported");
        }
        List<String> order = new ArrayList<>();
        for (int index : graph.topologicalSortOrder()) {
            GraphVertex v = graph.getVertices()[index];
            if (!v.isInputVertex()) {
                order.add(v.getVertexName());
            }
        }
        run(graph, order, input, () -> Map.of(inputs.get(0), input), visitor);
    }

    /**
     * Runs {@code vertices} of {@code graph}, in the order given (topological), on one batch.
     *
     * @param batch   the batch at the network input (preprocessors read the batch size from it)
     * @param sources the tensors the vertices read that they do not compute (the network input by its name),
     *                asked for inside the workspace, so that they may be made there
     * @throws IllegalArgumentException when a vertex reads a tensor that is neither a source nor computed before it
     */
    public void run(ComputationGraph graph, List<String> vertices, INDArray batch,
            Supplier<Map<String, INDArray>> sources, Visitor visitor) {
        Map<String, List<String>> inputs = graph.getConfiguration().getVertexInputs();
        graph.setInputs(batch); // as ComputationGraph.output does
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE_CONFIG,
                workspace)) {
            Map<String, INDArray> values = new HashMap<>(sources.get());
            for (String name : vertices) {
                GraphVertex vertex = graph.getVertex(name);
                List<String> in = inputs.get(name);
                for (int i = 0; i < in.size(); i++) {
                    INDArray value = values.get(in.get(i));
                    if (value == null) {
                        throw new IllegalArgumentException("vertex '" + name + "' reads '" + in.get(i)
                                + "', which is neither a source nor computed before it");
                    }
                    vertex.setInput(i, value, workspaceMgr);
                }
                INDArray out = vertex.doForward(false, workspaceMgr);
                values.put(name, out);
                visitor.onVertex(name, out);
            }
            visitor.onEnd(values);
        } finally {
            graph.clearLayersStates(); // the layers' inputs point into the workspace
        }
    }

    /** Frees this pass's workspace on this thread (the next pass learns its size again). */
    public void release() {
        if (Nd4j.getWorkspaceManager().checkIfWorkspaceExists(workspace)) {
            Nd4j.getWorkspaceManager().getWorkspaceForCurrentThread(workspace).destroyWorkspace();
        }
    }
}
