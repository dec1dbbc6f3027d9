package org.ullsnn.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tech.tablesaw.api.Table;

/**
 * Energy of a made-up rate table, computed by hand. The network: image 3x4x4 -> conv1 (4 filters, 3x3, pad 1)
 * -> IF -> pool 2x2 -> conv2 (8 filters, 3x3, pad 1) -> IF -> output (32 -> 5).
 * <pre>
 * MACs:  conv1 9*3*4*16 = 1728    conv2 9*4*8*4 = 1152    output 32*5 = 160     sum 3040   ceiling 3040/1728
 * rates: conv2 reads 16 elements at r = 0.25 (4 spikes per image); output reads 32 at r = 0.5 (16 spikes)
 * SOPs:  conv2 0.25*1152 = 288    output 0.5*160 = 80    sum 368
 * IF neurons per image: 64 + 32 = 96; T = 2
 * </pre>
 */
class EnergyReportTest {

    static final double EPS = 1e-9;
    static final int T = 2;

    static EnergyModel handModel() {
        return new EnergyModel(List.of(
                new WeightLayer("conv1", LayerKind.CONV, "input", true, 3, 4,
                        new ConvGeometry(4, 4, 4, 4, 3, 3, 1, 1, 1, 1, 1, 1)),
                new WeightLayer("conv2", LayerKind.CONV, "pool1", false, 4, 8,
                        new ConvGeometry(2, 2, 2, 2, 3, 3, 1, 1, 1, 1, 1, 1)),
                WeightLayer.dense("output", LayerKind.OUTPUT, "conv2_act", false, 32, 5)));
    }

    static SpikeActivity madeUpRates() {
        return SpikeActivity.ofRates(handModel(), T, 96, Map.of("conv2", 0.25, "output", 0.5));
    }

    static EnergyReport report(EnergyCosts costs, EnergyConventions conventions) {
        return handModel().report(madeUpRates(), costs, conventions);
    }

    @Test
    void theHandModelHasTheHandCountedMacsAndCeiling() {
        EnergyModel m = handModel();
        assertEquals(1728, m.layer("conv1").macs());
        assertEquals(1152, m.layer("conv2").macs());
        assertEquals(160, m.layer("output").macs());
        assertEquals(3040, m.totalMacs());
        assertEquals(3040.0 / 1728, m.ceiling(), EPS);
    }

    /** r_in = spikes per image over T / elements of the tensor read. */
    @Test
    void theInputRateIsSpikesPerImageOverTheElementsRead() {
        InputSpikes conv2 = madeUpRates().input("conv2");
        assertEquals(16, conv2.elements());
        assertEquals(4.0, conv2.spikesPerImage(), EPS);
        assertEquals(0.25, conv2.rate(), EPS);
    }

    /** SOPs_l = r_in_l * MACs_l for l >= 2; E_DNN = sum MACs * E_MAC. */
    @Test
    void uniformSopsAreRateTimesMacsAndDnnEnergyIsMacsTimesEmac() {
        EnergyReport r = report(Preset.FP32.costs(), EnergyConventions.defaults());
        assertEquals(288, r.layers().get(1).sops(), EPS);
        assertEquals(80, r.layers().get(2).sops(), EPS);
        assertEquals(368, r.totalSops(), EPS);
        assertEquals(3040 * 4.6, r.dnnPj(), EPS);
        assertEquals(1152 * 4.6, r.layers().get(1).dnnPj(), EPS);
        assertTrue(Double.isNaN(r.layers().get(0).inputRate()));
        assertEquals(0, r.layers().get(0).sops());
        assertEquals(368.0 / (1152 + 160), r.meanInputRate(), EPS);
    }

    /** E_SNN = MACs_1 * E_MAC * c1 + sum SOPs * E_AC with c1 = 1: 7948.8 + 331.2 = 8280 pJ; 13984 / 8280. */
    @Test
    void fp32WithTheFirstLayerOnceGivesTheHandRatio() {
        EnergyReport r = report(Preset.FP32.costs(), EnergyConventions.defaults());
        assertEquals(13984, r.dnnPj(), EPS);
        assertEquals(8280, r.snnPj(), EPS);
        assertEquals(13984.0 / 8280, r.ratio(), EPS);
        assertEquals(1728, r.snnMacs(), EPS);
    }

    /** c1 = T = 2: 15897.6 + 331.2 = 16228.8 pJ. */
    @Test
    void countingTheFirstLayerEveryStepMultipliesItsMacsByT() {
        EnergyReport r = report(Preset.FP32.costs(), EnergyConventions.defaults().withFirstLayer(FirstLayer.PER_STEP));
        assertEquals(16228.8, r.snnPj(), EPS);
        assertEquals(13984 / 16228.8, r.ratio(), EPS);
        assertEquals(2 * 1728, r.snnMacs(), EPS);
    }

    /** c1 = 0: only the accumulates, 331.2 pJ. */
    @Test
    void ignoringTheFirstLayerLeavesOnlyTheAccumulates() {
        EnergyReport r = report(Preset.FP32.costs(), EnergyConventions.defaults().withFirstLayer(FirstLayer.IGNORED));
        assertEquals(331.2, r.snnPj(), EPS);
        assertEquals(13984 / 331.2, r.ratio(), EPS);
        assertEquals(13984, r.dnnPj(), EPS, "the DNN keeps its first layer");
    }

    /** INT8: E_DNN = 3040 * 0.23 = 699.2; E_SNN = 1728 * 0.23 + 368 * 0.03 = 397.44 + 11.04 = 408.48. */
    @Test
    void int8GivesTheHandRatio() {
        EnergyReport r = report(Preset.INT8.costs(), EnergyConventions.defaults());
        assertEquals(699.2, r.dnnPj(), EPS);
        assertEquals(408.48, r.snnPj(), EPS);
        assertEquals(699.2 / 408.48, r.ratio(), EPS);
    }

    /** User constants E_MAC 2, E_AC 1: 6080 / (3456 + 368). */
    @Test
    void customConstantsGiveTheHandRatio() {
        EnergyReport r = report(EnergyCosts.custom(2, 1), EnergyConventions.defaults());
        assertEquals(6080.0 / 3824, r.ratio(), EPS);
        assertTrue(r.summary().contains("custom (user-given): E_MAC 2 pJ, E_AC 1 pJ"), r.summary());
    }

    /** E_neurons = e_n * N_IF * T = 0.5 * 96 * 2 = 96 pJ, added to E_SNN: 8280 + 96. */
    @Test
    void theNeuronUpdateCostIsPerNeuronPerStep() {
        EnergyReport r = report(Preset.FP32.costs(), EnergyConventions.defaults().withNeuronPj(0.5));
        assertEquals(192, r.neuronUpdates());
        assertEquals(96, r.neuronPj(), EPS);
        assertEquals(8376, r.snnPj(), EPS);
        assertEquals(13984.0 / 8376, r.ratio(), EPS);
        assertTrue(r.summary().contains("192 neuron updates"), r.summary());
    }

    /** With no spikes and the first layer once, the ratio is the ceiling sum MACs / MACs_1. */
    @Test
    void silentSpikesWithTheFirstLayerOnceReachTheCeiling() {
        SpikeActivity silent = SpikeActivity.ofRates(handModel(), T, 96, Map.of("conv2", 0.0, "output", 0.0));
        EnergyReport r = handModel().report(silent, Preset.FP16.costs(), EnergyConventions.defaults());
        assertEquals(r.ceiling(), r.ratio(), EPS);
        EnergyReport free = handModel().report(silent, Preset.FP16.costs(),
                EnergyConventions.defaults().withFirstLayer(FirstLayer.IGNORED));
        assertEquals(Double.POSITIVE_INFINITY, free.ratio());
    }

    @Test
    void theSummaryToStringAndTableTitleCarryPresetTConventionsAndCeiling() {
        EnergyReport r = report(Preset.FP32.costs(), EnergyConventions.defaults());
        for (String text : List.of(r.summary(), r.toString(), r.toTable().name(), r.title())) {
            assertTrue(text.contains("FP32 (45 nm, Horowitz 2014): E_MAC 4.6 pJ, E_AC 0.9 pJ"), text);
            assertTrue(text.contains("T = 2"), text);
            assertTrue(text.contains("first layer counted once (constant input, cached)"), text);
            assertTrue(text.contains("fan-out uniform (SOPs = r_in * MACs)"), text);
            assertTrue(text.contains("neuron cost none"), text);
            assertTrue(text.contains("ceiling sum MACs / MACs_1 = 1.76x"), text);
            assertTrue(text.contains("E_DNN / E_SNN = 1.69x"), text);
        }
        assertTrue(r.summary().contains("input rates given by hand"), r.summary());
    }

    @Test
    void thePerLayerTableHasTheEnergiesInNanojoules() {
        Table t = report(Preset.FP32.costs(), EnergyConventions.defaults()).toTable();
        assertEquals(List.of("layer", "kind", "macs", "input_rate", "sops", "snn_macs", "dnn_bias_adds",
                "snn_bias_adds", "dnn_nJ", "snn_nJ"), t.columnNames());
        assertEquals(3, t.rowCount());
        assertEquals(1152 * 4.6 / 1000, t.doubleColumn("dnn_nJ").get(1), EPS);
        assertEquals(288 * 0.9 / 1000, t.doubleColumn("snn_nJ").get(1), EPS);
        Table longForm = report(Preset.FP32.costs(), EnergyConventions.defaults()).toLongTable();
        assertEquals(List.of("preset", "e_mac_pJ", "e_ac_pJ", "T", "first_layer", "fan_out", "neuron_pJ"),
                longForm.columnNames().subList(0, 7));
    }

    @Test
    void totalsAndCompareSetThePresetsSideBySide() {
        List<EnergyReport> all = handModel().reports(madeUpRates(),
                java.util.Arrays.stream(Preset.values()).map(Preset::costs).toList(), EnergyConventions.defaults());
        Table totals = EnergyReport.totals(all);
        assertEquals(4, totals.rowCount());
        assertEquals(13984.0 / 8280, totals.doubleColumn("ratio").get(0), EPS);
        assertEquals(699.2 / 408.48, totals.doubleColumn("ratio").get(3), EPS);
        assertEquals(3040.0 / 1728, totals.doubleColumn("ceiling").get(2), EPS);
        assertEquals("once", totals.stringColumn("first_layer").get(0));
        Table wide = EnergyReport.compare(all);
        assertTrue(wide.columnNames().containsAll(List.of("FP32_dnn_nJ", "FP32_snn_nJ", "INT8_dnn_nJ", "INT8_snn_nJ")));
        assertTrue(wide.name().contains("first layer counted once"), wide.name());
        assertEquals(12, EnergyReport.longTable(all).rowCount());
    }

    @Test
    void compareRefusesReportsOfDifferentConventions() {
        EnergyReport once = report(Preset.FP32.costs(), EnergyConventions.defaults());
        EnergyReport perStep = report(Preset.FP16.costs(), EnergyConventions.defaults()
                .withFirstLayer(FirstLayer.PER_STEP));
        assertThrows(IllegalArgumentException.class, () -> EnergyReport.compare(List.of(once, perStep)));
    }

    @Test
    void exactFanOutWithoutPerNeuronCountsIsRefusedWithTheWayOut() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> report(Preset.FP32.costs(), EnergyConventions.defaults().withFanOut(FanOut.EXACT)));
        assertTrue(e.getMessage().contains("conv2") && e.getMessage().contains("FanOut.UNIFORM"), e.getMessage());
    }

    @Test
    void madeUpRatesMustCoverEveryLayerReadingSpikesAndNoOther() {
        EnergyModel m = handModel();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SpikeActivity.ofRates(m, T, 0,
                Map.of("conv2", 0.1))).getMessage().contains("'output'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SpikeActivity.ofRates(m, T, 0,
                Map.of("conv2", 0.1, "output", 0.1, "fc9", 0.1))).getMessage().contains("fc9"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SpikeActivity.ofRates(m, T, 0,
                Map.of("conv1", 0.1, "conv2", 0.1, "output", 0.1))).getMessage().contains("reads the image"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SpikeActivity.ofRates(m, T, 0,
                Map.of("conv2", 2.5, "output", 0.1))).getMessage().contains("more than T = 2"));
    }

    /** METHOD.md §6's table (45 nm, Horowitz 2014). */
    @Test
    void thePresetsHoldMethodsConstants() {
        assertEquals(List.of(4.6, 0.9, 1.5, 0.4, 3.2, 0.1, 0.23, 0.03), List.of(Preset.FP32.macPj(),
                Preset.FP32.acPj(), Preset.FP16.macPj(), Preset.FP16.acPj(), Preset.INT32.macPj(), Preset.INT32.acPj(),
                Preset.INT8.macPj(), Preset.INT8.acPj()));
        assertEquals(Preset.INT32, Preset.parse("int32"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Preset.parse("bf16")).getMessage()
                .contains("fp32, fp16, int32, int8"));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(FirstLayer.class)
    void theFirstLayerFactorIsOneTOrZeroAndParsesFromItsCliName(FirstLayer f) {
        double expected = switch (f) {
            case ONCE -> 1;
            case PER_STEP -> 5;
            case IGNORED -> 0;
        };
        assertEquals(expected, f.factor(5));
        assertEquals(f, FirstLayer.parse(f.cliName()));
    }

    @Test
    void badConstantsAreRefusedWithTheRuleAndTheValue() {
        assertEquals("E_MAC must be finite and > 0 pJ, got 0.0", assertThrows(IllegalArgumentException.class,
                () -> EnergyCosts.custom(0, 1)).getMessage());
        assertEquals("E_AC must be finite and >= 0 pJ, got -1.0", assertThrows(IllegalArgumentException.class,
                () -> EnergyCosts.custom(1, -1)).getMessage());
        assertEquals("the neuron-update cost must be finite and >= 0 pJ, got NaN", assertThrows(
                IllegalArgumentException.class, () -> EnergyConventions.defaults().withNeuronPj(Double.NaN))
                .getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FirstLayer.parse("twice")).getMessage()
                .contains("once, per-step, ignore"));
    }
}
