package org.ullsnn.experiment;

import java.time.Instant;

/**
 * What {@code models/<model>/finetune/<name>/finetune.json} says about a shipped fine-tuned SNN
 * ({@link ShippedFineTuning}): which DNN it came from, how it was converted and trained, how well it does on the full
 * test set, how to make it again and the checksum of its {@code model.zip}.
 *
 * @param name             the fine-tuning run's name, its folder under {@code models/<model>/finetune/}
 * @param model            the shipped DNN it was converted from
 * @param strategy         the threshold strategy of the conversion, e.g. {@code fitted-dnn:1.3}
 * @param timesteps        T
 * @param epochs           epochs of fine-tuning
 * @param accuracyBefore   test accuracy of the converted SNN before fine-tuning, on the run's own test images
 * @param runTestImages    how many test images the run measured on ({@code accuracyBefore} and its metrics)
 * @param testAccuracy     test accuracy of the shipped SNN at T in [0, 1], measured when the entry was made on the
 *                         full test set
 * @param testImages       the number of test images {@code testAccuracy} was measured on
 * @param trainingHours    the run's time: the sum of its metrics' train and evaluation seconds, in hours
 * @param finetuneCommand  the {@code bin/ullsnn finetune} command line that reproduces the run, every setting explicit
 * @param snnSha256        SHA-256 of {@code model.zip}
 * @param snnBytes         size of {@code model.zip}
 * @param added            when the entry was made
 */
public record FineTunedCard(
        String name,
        String model,
        String strategy,
        int timesteps,
        int epochs,
        double accuracyBefore,
        int runTestImages,
        double testAccuracy,
        int testImages,
        double trainingHours,
        String finetuneCommand,
        String snnSha256,
        long snnBytes,
        Instant added) {
}
