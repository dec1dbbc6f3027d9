package org.ullsnn.plot;

/**
 * The distributions of {@code z} under which {@link org.ullsnn.stats.ConversionError} computes a layer's error,
 * each with its MSE column in {@code ConversionError.table(...)} and {@code ConversionSweep.Result.errorTable(...)}
 * ({@code conversion_error.csv}).
 */
public enum ErrorModel {
    /** The layer's calibration samples, with the exact {@code p0}. */
    EMPIRICAL("empirical_mse", "empirical"),
    /** The best fitted zero-inflated family (NaN where none was fitted). */
    FITTED("fitted_mse", "best fit"),
    /** {@code z > 0} uniform on {@code (0, mu)}, with the layer's own {@code p0} (NaN for a plain ReLU). */
    UNIFORM("uniform_mse", "uniform assumption");

    private final String mseColumn;
    private final String label;

    ErrorModel(String mseColumn, String label) {
        this.mseColumn = mseColumn;
        this.label = label;
    }

    /** The table column holding this model's MSE. */
    public String mseColumn() {
        return mseColumn;
    }

    /** How the model is named in legends. */
    public String label() {
        return label;
    }
}
