package org.ullsnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ullsnn.nn.Architecture;
import org.ullsnn.nn.NetworkSpec;

/** A preset fixes the recipe; {@code --arch} changes only the architecture, never the preset's other settings. */
class TrainPresetTest {

    private static NetworkSpec network(String... args) {
        return SmallCli.parsed(new TrainCommand(), args).config().network();
    }

    @Test
    void archKeepsTheCosinePresetsBatchNormDropoutAndWidth() {
        NetworkSpec vgg = network("--preset", "cosine");
        NetworkSpec resnet = network("--preset", "cosine", "--arch", "resnet20");
        assertEquals(Architecture.RESNET20, resnet.architecture());
        assertTrue(resnet.batchNorm());
        assertEquals(vgg.withArchitecture(Architecture.RESNET20), resnet);
    }

    @Test
    void optionsStillOverrideThePresetAfterArch() {
        NetworkSpec resnet = network("--preset", "cosine", "--arch", "resnet20", "--no-bn", "--fc-dropout", "0.3");
        assertEquals(false, resnet.batchNorm());
        assertEquals(0.3, resnet.fcDropout());
        assertEquals(0.25, resnet.width());
    }
}
