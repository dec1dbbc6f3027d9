package org.ullsnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.ullsnn.convert.WeightCalibration;
import picocli.CommandLine;

class ConvertOptionsTest {

    private static ConvertCommand parsed(String... args) {
        return SmallCli.parsed(new ConvertCommand(), args);
    }

    @Test
    void weightCalibrationIsOffUnlessAskedAndTakesItsImageBudget() {
        assertNull(parsed("--run", "r").weightCalibrationSettings());
        assertEquals(WeightCalibration.Settings.defaults(), parsed("--run", "r", "--weight-calibration")
                .weightCalibrationSettings());
        WeightCalibration.Settings more = parsed("--run", "r", "--weight-calibration", "--weight-calibration-images",
                "4100").weightCalibrationSettings();
        assertEquals(4100, more.maxImages());
        assertEquals(WeightCalibration.Settings.defaults().withMaxImages(4100), more);
    }

    /** Refused with exit 2 and a message naming the option, before any model or data is read ("r" does not exist). */
    @Test
    void anImageBudgetWithoutWeightCalibrationOrBelowOneIsRefused() {
        for (String[] args : new String[][] {{"--run", "r", "--weight-calibration-images", "100"},
                {"--run", "r", "--weight-calibration", "--weight-calibration-images", "0"}}) {
            StringWriter err = new StringWriter();
            CommandLine cli = new CommandLine(new ConvertCommand());
            cli.setErr(new PrintWriter(err, true));
            assertEquals(2, cli.execute(args));
            assertTrue(err.toString().contains("--weight-calibration-images"), err.toString());
        }
    }
}
