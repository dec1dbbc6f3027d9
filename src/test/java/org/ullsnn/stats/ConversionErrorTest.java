package org.ullsnn.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.statistics.distribution.GammaDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tech.tablesaw.api.Table;

class ConversionErrorTest {

    /** Closed forms: only rounding. */
    private static final double EXACT = 1e-12;
    /** How far the closed forms may be from the 30-digit reference: a few rounding errors of numbers below 1. */
    private static final double REFERENCE = 1e-14;
    /**
     * How far they may be from the former composite Gauss-Legendre quadrature, which was off by up to 7.5e-7 where
     * the density is singular at 0 (gamma with shape 1/2), 4e-10 where it has a kink (Laplace) and 5e-9 where it
     * cut the ReLU tail at the 1 - 1e-12 quantile, and agreed to 1e-16 elsewhere.
     */
    private static final double FORMER_QUADRATURE = 1e-6;
    /** How many standard errors the empirical mean may stray from the density's expectation. */
    private static final double STANDARD_ERRORS = 4;

    @ParameterizedTest(name = "T = {0}")
    @ValueSource(ints = {1, 2, 3, 4, 8})
    void uniformAssumptionWithHalfShiftHasZeroMeanAndQuantisationNoise(int t) {
        double mu = 2;
        double p0 = 0.3;
        ErrorMoments e = ConversionError.uniformAssumption(p0, mu, new ConversionSetting(mu, mu, mu / 2, t));
        double step = mu / t;
        assertEquals(0, e.meanError(), EXACT);
        assertEquals((1 - p0) * step * step / 12, e.meanSquaredError(), EXACT);
    }

    @ParameterizedTest(name = "T = {0}")
    @ValueSource(ints = {1, 2, 3, 4, 8})
    void uniformAssumptionWithoutShiftUndershootsByHalfAStep(int t) {
        double mu = 2;
        double p0 = 0.3;
        ErrorMoments e = ConversionError.uniformAssumption(p0, mu, new ConversionSetting(mu, mu, 0, t));
        double step = mu / t;
        assertEquals(-(1 - p0) * step / 2, e.meanError(), EXACT);
        assertEquals((1 - p0) * step * step / 3, e.meanSquaredError(), EXACT);
    }

    @Test
    void uniformAssumptionOnAHandComputedCase() {
        // mu = 1, T = 2, theta = 0.8, v = 1, u0 = 0, no zeros: N = 0 on (0, 0.4), 1 on [0.4, 0.8), 2 on [0.8, 1)
        // e = -z, 0.5 - z, 1 - z:  E[e]   = -0.08 + (0.2 - 0.24) + (0.2 - 0.18) = -0.1
        //                          E[e^2] = 0.064/3 + (0.027 + 0.001)/3 + 0.008/3 = 0.1 / 3
        ErrorMoments e = ConversionError.uniformAssumption(0, 1, new ConversionSetting(0.8, 1, 0, 2));
        assertEquals(-0.1, e.meanError(), EXACT);
        assertEquals(0.1 / 3, e.meanSquaredError(), EXACT);
    }

    static Stream<Arguments> settings() {
        return Stream.of(
                Arguments.of(new ConversionSetting(0.8, 0.9, 0, 2), 1.0),
                Arguments.of(new ConversionSetting(1, 1, 0.5, 4), 1.0),
                Arguments.of(new ConversionSetting(0.6, 1.1, 0.1, 3), 1.0),
                Arguments.of(new ConversionSetting(0.5, 0.7, 0.2, 2), 0.4),
                Arguments.of(new ConversionSetting(1.2, 1.5, 0, 3), Double.POSITIVE_INFINITY));
    }

    @ParameterizedTest(name = "{0}, mu = {1}")
    @MethodSource("settings")
    void empiricalAndDensityErrorsAgreeOnALargeSample(ConversionSetting s, double mu) {
        double p0 = 0.4;
        GammaDistribution truth = GammaDistribution.of(1.5, 0.4);
        double[] z = Samples.zeroInflated(p0, truth, 200_000, 11);
        LayerDistribution layer = LayerDistribution.of("act", mu, z, 10);
        ErrorMoments empirical = ConversionError.empirical(layer, s);
        ErrorMoments density = ConversionError.fitted(new ZeroInflated(p0, new Gamma(1.5, 0.4)), mu, s);
        double[] e = Arrays.stream(z).map(v -> ConversionError.error(v, mu, s)).toArray();
        double[] e2 = Arrays.stream(e).map(v -> v * v).toArray();
        assertEquals(density.meanError(), empirical.meanError(), STANDARD_ERRORS * standardError(e) + 1e-9);
        assertEquals(density.meanSquaredError(), empirical.meanSquaredError(),
                STANDARD_ERRORS * standardError(e2) + 1e-9);
    }

    /** The families and settings of {@link #REFERENCE_VALUES} and {@link #FORMER_QUADRATURE_VALUES}; p0 = 0.3. */
    private static final List<DistributionFamily> FAMILIES = List.of(new Uniform(1.3), new HalfNormal(0.6),
            new Exponential(0.5), new Gamma(1.5, 0.4), new Gamma(0.5, 0.5), new LogNormal(-0.8, 0.7),
            new Laplace(0.4, 0.3));
    private static final List<ConversionSetting> SETTINGS = List.of(new ConversionSetting(0.8, 0.9, 0, 2),
            new ConversionSetting(1, 1, 0.5, 4), new ConversionSetting(0.6, 1.1, 0.1, 3),
            new ConversionSetting(0.5, 0.7, 0.2, 2), new ConversionSetting(1.2, 1.5, 0, 3),
            new ConversionSetting(0.9, 1.0, 0.45, 16));
    private static final double[] MUS = {1, 1, 1, 0.4, Double.POSITIVE_INFINITY, 1};

    /**
     * {family, setting, mean error, MSE}: each piece integrated by mpmath's tanh-sinh quadrature at 30 digits
     * ({@code src/test/resources/org/ullsnn/stats/conversion_error_reference.py} regenerates them).
     */
    private static final double[][] REFERENCE_VALUES = {
            {0, 0, -0.09153846153846154, 0.02117948717948718},
            {0, 1, 0.0, 0.0028044871794871795},
            {0, 2, 0.12205128205128205, 0.03894871794871795},
            {0, 3, 0.14942307692307694, 0.04567948717948718},
            {0, 4, -0.051153846153846154, 0.022794871794871795},
            {0, 5, 0.026923076923076925, 0.0019683994391025642},
            {1, 0, -0.10192384505137696, 0.024899573319129852},
            {1, 1, -0.0018376397342353818, 0.003303489158507077},
            {1, 2, 0.10947068676973976, 0.03884542636544273},
            {1, 3, 0.11218423188865517, 0.03521726047490186},
            {1, 4, -0.07859379308252445, 0.024499700525209434},
            {1, 5, 0.026443771035668712, 0.0017875063812860274},
            {2, 0, -0.09749662400194431, 0.02258528508937862},
            {2, 1, -0.0031295875456509676, 0.0031295875456509676},
            {2, 2, 0.08719136915447234, 0.03145965911805319},
            {2, 3, 0.09885119771676773, 0.03210430700337968},
            {2, 4, -0.09031979760954867, 0.039249006612556904},
            {2, 5, 0.0218022212757288, 0.0014343066857952127},
            {3, 0, -0.10291900962730287, 0.024684682459107835},
            {3, 1, -0.0005551753072805658, 0.0030998869171218954},
            {3, 2, 0.11366709091475415, 0.038018256067598476},
            {3, 3, 0.12764602519816798, 0.039204189773226046},
            {3, 4, -0.08908162916985395, 0.039091228006279864},
            {3, 5, 0.025752069841070247, 0.0017366294155483834},
            {4, 0, -0.07303839551785968, 0.01568347559138722},
            {4, 1, -0.007901305017105948, 0.002684437563032437},
            {4, 2, 0.03712263923343487, 0.018327656013615874},
            {4, 3, 0.04063822246381992, 0.01684707840683301},
            {4, 4, -0.06719957378096146, 0.019404019173018327},
            {4, 5, 0.012919407774706213, 0.0008585951215203222},
            {5, 0, -0.11541270697858975, 0.029749827206261143},
            {5, 1, 0.0017793835177190927, 0.0032141600583848605},
            {5, 2, 0.1309897505430132, 0.04231728128253352},
            {5, 3, 0.13321204079599008, 0.038882856423877454},
            {5, 4, -0.10393736070934706, 0.05132100341692607},
            {5, 5, 0.028739097935466015, 0.0018726229859771762},
            {6, 0, -0.09445094550908001, 0.025111149641590825},
            {6, 1, 0.00033669260553394225, 0.0029958677918101484},
            {6, 2, 0.11970016782320886, 0.040499346468288074},
            {6, 3, 0.11158401995573161, 0.03366349794633311},
            {6, 4, -0.07438859636790886, 0.02552292889753755},
            {6, 5, 0.02634160974870024, 0.0017342935156547746},
    };

    /** {family, setting, mean error, MSE} as the former Gauss-Legendre quadrature (8 points, 16 sub-intervals) gave them. */
    private static final double[][] FORMER_QUADRATURE_VALUES = {
            {0, 0, -0.09153846153846146, 0.021179487179487137},
            {0, 1, 3.8857805861880476e-17, 0.0028044871794871756},
            {0, 2, 0.1220512820512822, 0.038948717948718015},
            {0, 3, 0.14942307692307688, 0.04567948717948716},
            {0, 4, -0.05115384615398602, 0.022794871794843765},
            {0, 5, 0.026923076923077, 0.001968399439102571},
            {1, 0, -0.10192384505137682, 0.024899573319129797},
            {1, 1, -0.0018376397342353425, 0.0033034891585070726},
            {1, 2, 0.10947068676973988, 0.038845426365442776},
            {1, 3, 0.11218423188865516, 0.03521726047490185},
            {1, 4, -0.07859379308052257, 0.02449970051948118},
            {1, 5, 0.026443771035668785, 0.001787506381286033},
            {2, 0, -0.0974966240019442, 0.02258528508937855},
            {2, 1, -0.0031295875456509204, 0.003129587545650964},
            {2, 2, 0.08719136915447245, 0.03145965911805324},
            {2, 3, 0.0988511977167677, 0.032104307003379656},
            {2, 4, -0.09031979760057698, 0.03924900649740475},
            {2, 5, 0.021802221275728857, 0.001434306685795218},
            {3, 0, -0.10291901002071757, 0.024684682458552414},
            {3, 1, -0.0005551753287420161, 0.003099886917112431},
            {3, 2, 0.11366709087069328, 0.03801825606757263},
            {3, 3, 0.12764602516431153, 0.039204189773208116},
            {3, 4, -0.08908162955578472, 0.039091227925606514},
            {3, 5, 0.02575206984055508, 0.0017366294155483385},
            {4, 0, -0.07303764954298592, 0.015683476013395998},
            {4, 1, -0.00790117471755453, 0.002684437586063081},
            {4, 2, 0.037122839846658214, 0.01832765606089556},
            {4, 3, 0.04063839374904695, 0.016847078443163556},
            {4, 4, -0.06719882779789603, 0.019404019499000356},
            {4, 5, 0.012919421680534665, 0.0008585951220733096},
            {5, 0, -0.11541270697858966, 0.02974982720626107},
            {5, 1, 0.0017793835177191215, 0.003214160058384858},
            {5, 2, 0.1309897505430133, 0.04231728128253358},
            {5, 3, 0.13321204079599006, 0.038882856423877434},
            {5, 4, -0.10393736294283154, 0.051321008133221616},
            {5, 5, 0.02873909793546609, 0.001872622985977183},
            {6, 0, -0.09445094550907993, 0.025111149641590766},
            {6, 1, 0.00033669212056273816, 0.002995867699100021},
            {6, 2, 0.11970016748746512, 0.040499346243403025},
            {6, 3, 0.11158401995573158, 0.03366349794633309},
            {6, 4, -0.07438859636281163, 0.02552292886036065},
            {6, 5, 0.026341609743495656, 0.0017342935152699173},
    };

    @Test
    void densityErrorsEqualAThirtyDigitReference() {
        for (double[] row : REFERENCE_VALUES) {
            int s = (int) row[1];
            DistributionFamily f = FAMILIES.get((int) row[0]);
            ErrorMoments e = ConversionError.fitted(new ZeroInflated(0.3, f), MUS[s], SETTINGS.get(s));
            assertEquals(row[2], e.meanError(), REFERENCE, f + ", " + SETTINGS.get(s) + ", mu " + MUS[s]);
            assertEquals(row[3], e.meanSquaredError(), REFERENCE, f + ", " + SETTINGS.get(s) + ", mu " + MUS[s]);
        }
    }

    @Test
    void densityErrorsKeepTheNumbersOfTheFormerQuadrature() {
        double largest = 0;
        for (double[] row : FORMER_QUADRATURE_VALUES) {
            int s = (int) row[1];
            DistributionFamily f = FAMILIES.get((int) row[0]);
            ErrorMoments e = ConversionError.fitted(new ZeroInflated(0.3, f), MUS[s], SETTINGS.get(s));
            assertEquals(row[2], e.meanError(), FORMER_QUADRATURE, f + ", " + SETTINGS.get(s));
            assertEquals(row[3], e.meanSquaredError(), FORMER_QUADRATURE, f + ", " + SETTINGS.get(s));
            if (!(f instanceof Gamma g && g.shape() < 1)) {
                largest = Math.max(largest, Math.max(Math.abs(row[2] - e.meanError()),
                        Math.abs(row[3] - e.meanSquaredError())));
            }
        }
        assertTrue(largest < 1e-8, "where the density is smooth but for a kink or the cut tail: " + largest);
    }

    private static double standardError(double[] x) {
        double mean = Arrays.stream(x).average().orElseThrow();
        double var = Arrays.stream(x).map(v -> (v - mean) * (v - mean)).sum() / (x.length - 1);
        return Math.sqrt(var / x.length);
    }

    @Test
    void densityErrorHandlesAGammaDensityThatIsInfiniteAtZero() {
        // shape 0.5: f(z) -> infinity as z -> 0; the integration by parts only sees the bounded cdf
        ConversionSetting s = new ConversionSetting(0.7, 0.8, 0.1, 3);
        ErrorMoments density = ConversionError.fitted(new ZeroInflated(0, new Gamma(0.5, 0.5)), 1, s);
        double[] z = Samples.of(GammaDistribution.of(0.5, 0.5), 400_000, 8);
        ErrorMoments empirical = ConversionError.empirical(z, 0, 1, s);
        assertEquals(density.meanError(), empirical.meanError(), 2e-3);
        assertEquals(density.meanSquaredError(), empirical.meanSquaredError(), 2e-3);
    }

    @Test
    void empiricalErrorWeighsPositiveSamplesByTheExactFractionAboveZero() {
        // 1000 values, 900 of them <= 0, but the reservoir happened to keep two negatives and two positives
        Histogram h = new Histogram(new double[] {-1, 2}, new long[] {1000});
        LayerDistribution layer = new LayerDistribution("act", 1, 1000, 900, 80, 20, -1, 2,
                new double[] {-1, -0.5, 0.3, 2}, h);
        ConversionSetting s = new ConversionSetting(1, 1, 0, 2);
        // e(0.3) = 0 - 0.3; e(2) = 1 - 1 = 0
        ErrorMoments e = ConversionError.empirical(layer, s);
        assertEquals(0.1 * (-0.3 / 2), e.meanError(), EXACT);
        assertEquals(0.1 * (0.09 / 2), e.meanSquaredError(), EXACT);
    }

    @Test
    void nonPositiveInputsHaveNoError() {
        ConversionSetting s = new ConversionSetting(1, 1.3, 0.9, 4);
        assertEquals(0, ConversionError.error(0, 1, s));
        assertEquals(0, ConversionError.error(-5, 1, s));
        assertEquals(new ErrorMoments(0, 0), ConversionError.empirical(new double[0], 1, 1, s));
        assertThrows(IllegalArgumentException.class, () -> ConversionError.empirical(new double[0], 0.5, 1, s));
    }

    @Test
    void tableHasOneRowPerLayerWithNanWhereAModelDoesNotApply() {
        LayerDistribution clip = LayerDistribution.of("act", 1, Samples.zeroInflated(0.5,
                GammaDistribution.of(2, 0.2), 5000, 3), 10);
        LayerDistribution relu = LayerDistribution.of("relu", Double.POSITIVE_INFINITY, Samples.zeroInflated(0.5,
                GammaDistribution.of(2, 0.2), 5000, 4), 10);
        NetworkDistribution network = new NetworkDistribution(List.of(clip, relu), 1, CaptureConfig.defaults());
        Table t = ConversionError.table(network, DistributionFitter.fit(network),
                d -> new ConversionSetting(0.8, 0.8, 0.4, 2));
        assertEquals(2, t.rowCount());
        assertEquals(ConversionError.empirical(clip, new ConversionSetting(0.8, 0.8, 0.4, 2)).meanSquaredError(),
                t.doubleColumn("empirical_mse").getDouble(0));
        assertTrue(Double.isFinite(t.doubleColumn("uniform_mse").getDouble(0)));
        assertTrue(Double.isNaN(t.doubleColumn("uniform_mse").getDouble(1)), "no uniform assumption without a clip");
        assertTrue(Double.isFinite(t.doubleColumn("fitted_mse").getDouble(1)));
    }
}
