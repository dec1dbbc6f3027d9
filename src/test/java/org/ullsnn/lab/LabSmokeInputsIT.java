package org.ullsnn.lab;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ResNet-20 smoke stand-in (notebook 08's) learns and converts: a unit test's check, run with the integration
 * tests because training it takes about a minute on a shared 2-core machine (see {@link LabInputsTest}).
 */
class LabSmokeInputsIT {

    @Test
    void theResNet20SetupHasASmokeStandInThatLearnsAndConverts(@TempDir Path dir) throws Exception {
        LabInputsTest.assertStandInLearnsAndConverts(LabSetup.RESNET20_CIFAR10, LabInputsTest.repoWithTarget(dir));
    }
}
