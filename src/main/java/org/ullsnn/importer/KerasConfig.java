package org.ullsnn.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code model_config} of a Keras 2 HDF5 file, checked before DL4J's Keras import sees it, so that a layer we
 * cannot convert is refused by its Keras name and class (DL4J would accept many that conversion cannot take).
 *
 * @param sequential whether it is a {@code Sequential} model (else {@code Functional}/{@code Model})
 * @param layers     the layers in file order
 * @param channels   image channels (from the input shape, channels last)
 * @param height     image height
 * @param width      image width
 */
record KerasConfig(boolean sequential, List<Layer> layers, int channels, int height, int width) {

    /** A Keras layer: its name and class. */
    record Layer(String name, String className) {
    }

    /** The Keras layer classes the importer maps. */
    static final String SUPPORTED = "InputLayer, Conv2D (groups 1; activation linear or relu), BatchNormalization, "
            + "Activation (relu, linear; softmax on the last layer), ReLU (no negative slope or threshold), "
            + "MaxPooling2D, Flatten, Dense (activation linear or relu; softmax on the last layer), Dropout, Add";

    private static final Set<String> CLASSES = Set.of("InputLayer", "Conv2D", "BatchNormalization", "Activation",
            "ReLU", "MaxPooling2D", "Flatten", "Dense", "Dropout", "Add");

    /** Parses and checks {@code json}. */
    static KerasConfig parse(String json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new UnsupportedModelException("the Keras model_config is not JSON: " + e.getMessage());
        }
        String modelClass = root.path("class_name").asText();
        if (!Set.of("Sequential", "Model", "Functional").contains(modelClass)) {
            throw new UnsupportedModelException("Keras model class '" + modelClass + "' is not supported; "
                    + "Sequential and Functional models are");
        }
        JsonNode layerNodes = root.path("config").path("layers");
        List<Layer> layers = new ArrayList<>();
        int[] shape = null;
        for (int i = 0; i < layerNodes.size(); i++) {
            JsonNode l = layerNodes.get(i);
            JsonNode c = l.path("config");
            Layer layer = new Layer(c.path("name").asText(), l.path("class_name").asText());
            check(layer, c, i == layerNodes.size() - 1);
            layers.add(layer);
            if (shape == null && c.has("batch_input_shape")) {
                shape = inputShape(c.get("batch_input_shape"));
            }
        }
        if (shape == null) {
            throw new UnsupportedModelException("the Keras model states no batch_input_shape; build it with an Input "
                    + "of shape (H, W, C)");
        }
        return new KerasConfig(modelClass.equals("Sequential"), layers, shape[2], shape[0], shape[1]);
    }

    private static void check(Layer layer, JsonNode c, boolean last) {
        if (!CLASSES.contains(layer.className())) {
            throw refused(layer, "not supported; supported: " + SUPPORTED);
        }
        if (c.path("data_format").asText("channels_last").equals("channels_first")) {
            throw refused(layer, "data_format channels_first is not supported; save with channels_last");
        }
        String activation = c.path("activation").asText("linear");
        boolean activationOk = activation.equals("linear") || activation.equals("relu")
                || (last && activation.equals("softmax"));
        switch (layer.className()) {
            case "Conv2D", "Dense", "Activation" -> {
                if (!activationOk) {
                    throw refused(layer, "activation '" + activation + "' is not supported (linear, relu; softmax "
                            + "on the last layer)");
                }
                if (c.path("groups").asInt(1) != 1) {
                    throw refused(layer, "groups " + c.path("groups").asInt() + " (grouped convolution)");
                }
            }
            case "ReLU" -> {
                if (c.path("negative_slope").asDouble(0) != 0 || c.path("threshold").asDouble(0) != 0) {
                    throw refused(layer, "a negative slope or threshold is not a spiking activation");
                }
            }
            default -> { }
        }
    }

    private static int[] inputShape(JsonNode s) {
        if (s.size() != 4) {
            throw new UnsupportedModelException("the Keras input must be images (N, H, W, C); it has shape " + s);
        }
        return new int[] {s.get(1).asInt(), s.get(2).asInt(), s.get(3).asInt()};
    }

    private static UnsupportedModelException refused(Layer layer, String why) {
        return new UnsupportedModelException("Keras layer '" + layer.name() + "' (" + layer.className() + "): "
                + why);
    }

    /** The names of the layers that become DL4J layers in a Sequential import, in order. */
    List<String> dl4jLayerNames() {
        return layers.stream().filter(l -> !l.className().equals("InputLayer") && !l.className().equals("Flatten"))
                .map(Layer::name).toList();
    }
}
