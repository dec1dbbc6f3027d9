package org.ullsnn.data;

import java.net.URI;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The two CIFAR datasets in their official binary form (Krizhevsky 2009, "Learning Multiple Layers of
 * Features from Tiny Images"): record layout, classes and their names, normalisation constants and the
 * official archive.
 *
 * <p>Records: CIFAR-10 holds 1 label byte then 3,072 pixel bytes; CIFAR-100 holds a coarse label byte, a
 * fine label byte, then the same 3,072 pixel bytes (R plane, G plane, B plane, each 32x32 row-major). The
 * files and their record counts are in {@link #layout()}.
 */
public enum CifarDataset {

    /** 10 classes; 5 training files of 10,000 records and one test file of 10,000. */
    CIFAR10("cifar10", "CIFAR-10", "cifar-10-batches-bin", 1,
            new double[] {0.4914, 0.4822, 0.4465}, new double[] {0.2023, 0.1994, 0.2010},
            new ArchiveSource(URI.create("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz"),
                    "cifar-10-binary.tar.gz", 170_052_171L, "c32a1d4ab5d03f1284b67883e8d87530",
                    "cifar-10-batches-bin")),

    /** 100 fine classes in 20 coarse superclasses; train.bin of 50,000 records and test.bin of 10,000. */
    CIFAR100("cifar100", "CIFAR-100", "cifar-100-binary", 2,
            new double[] {0.5071, 0.4867, 0.4408}, new double[] {0.2675, 0.2565, 0.2761},
            new ArchiveSource(URI.create("https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz"),
                    "cifar-100-binary.tar.gz", 168_513_733L, "03b5dce01913d631647c71ecec9e9cb8",
                    "cifar-100-binary"));

    private static final List<String> CIFAR10_NAMES = List.of(
            "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

    private static final List<String> CIFAR100_COARSE_NAMES = List.of(
            "aquatic_mammals", "fish", "flowers", "food_containers", "fruit_and_vegetables",
            "household_electrical_devices", "household_furniture", "insects", "large_carnivores",
            "large_man-made_outdoor_things", "large_natural_outdoor_scenes", "large_omnivores_and_herbivores",
            "medium_mammals", "non-insect_invertebrates", "people", "reptiles", "small_mammals", "trees",
            "vehicles_1", "vehicles_2");

    private static final List<String> CIFAR100_FINE_NAMES = List.of(
            "apple", "aquarium_fish", "baby", "bear", "beaver", "bed", "bee", "beetle", "bicycle", "bottle",
            "bowl", "boy", "bridge", "bus", "butterfly", "camel", "can", "castle", "caterpillar", "cattle",
            "chair", "chimpanzee", "clock", "cloud", "cockroach", "couch", "crab", "crocodile", "cup", "dinosaur",
            "dolphin", "elephant", "flatfish", "forest", "fox", "girl", "hamster", "house", "kangaroo", "keyboard",
            "lamp", "lawn_mower", "leopard", "lion", "lizard", "lobster", "man", "maple_tree", "motorcycle",
            "mountain", "mouse", "mushroom", "oak_tree", "orange", "orchid", "otter", "palm_tree", "pear",
            "pickup_truck", "pine_tree", "plain", "plate", "poppy", "porcupine", "possum", "rabbit", "raccoon",
            "ray", "road", "rocket", "rose", "sea", "seal", "shark", "shrew", "skunk", "skyscraper", "snail",
            "snake", "spider", "squirrel", "streetcar", "sunflower", "sweet_pepper", "table", "tank", "telephone",
            "television", "tiger", "tractor", "train", "trout", "tulip", "turtle", "wardrobe", "whale",
            "willow_tree", "wolf", "woman", "worm");

    private final String id;
    private final String displayName;
    private final String folder;
    private final int labelBytes;
    private final Normalization normalization;
    private final ArchiveSource archive;

    CifarDataset(String id, String displayName, String folder, int labelBytes, double[] mean, double[] std,
                 ArchiveSource archive) {
        this.id = id;
        this.displayName = displayName;
        this.folder = folder;
        this.labelBytes = labelBytes;
        this.normalization = Normalization.of(mean, std);
        this.archive = archive;
    }

    /** The name used on the command line: {@code cifar10} or {@code cifar100}. */
    public String id() {
        return id;
    }

    /** The name used in messages: {@code CIFAR-10} or {@code CIFAR-100}. */
    public String displayName() {
        return displayName;
    }

    /** The folder inside the data directory that holds the files, as the official archive unpacks it. */
    public String folder() {
        return folder;
    }

    /** 3 x 32 x 32. */
    public ImageShape imageShape() {
        return ImageShape.CIFAR;
    }

    /** Label bytes at the start of each record: 1 (CIFAR-10) or 2 (CIFAR-100: coarse, then fine). */
    public int labelBytes() {
        return labelBytes;
    }

    /** Bytes per record: label bytes + 3,072 pixel bytes (3,073 or 3,074). */
    public int recordBytes() {
        return labelBytes + imageShape().size();
    }

    /** The label levels records carry: {FINE} for CIFAR-10, {FINE, COARSE} for CIFAR-100. */
    public Set<LabelLevel> levels() {
        return this == CIFAR10 ? EnumSet.of(LabelLevel.FINE) : EnumSet.allOf(LabelLevel.class);
    }

    /** Position of the label byte of {@code level} inside a record. */
    public int labelOffset(LabelLevel level) {
        requireLevel(level);
        return switch (this) {
            case CIFAR10 -> 0;
            case CIFAR100 -> level == LabelLevel.COARSE ? 0 : 1;
        };
    }

    /** Number of classes at {@code level}: 10 (CIFAR-10), 100 fine or 20 coarse (CIFAR-100). */
    public int classes(LabelLevel level) {
        return builtInClassNames(level).size();
    }

    /** The file that holds the class names of {@code level}, one per line, inside {@link #folder()}. */
    public String labelNamesFile(LabelLevel level) {
        requireLevel(level);
        return switch (this) {
            case CIFAR10 -> "batches.meta.txt";
            case CIFAR100 -> level == LabelLevel.COARSE ? "coarse_label_names.txt" : "fine_label_names.txt";
        };
    }

    /** The official class names of {@code level}, used when the names file is absent. */
    public List<String> builtInClassNames(LabelLevel level) {
        requireLevel(level);
        return switch (this) {
            case CIFAR10 -> CIFAR10_NAMES;
            case CIFAR100 -> level == LabelLevel.COARSE ? CIFAR100_COARSE_NAMES : CIFAR100_FINE_NAMES;
        };
    }

    /**
     * Per-channel normalisation used for this dataset (METHOD.md section 1, the authors' values). CIFAR-10:
     * mean (0.4914, 0.4822, 0.4465), std (0.2023, 0.1994, 0.2010); CIFAR-100: mean (0.5071, 0.4867, 0.4408),
     * std (0.2675, 0.2565, 0.2761). The CIFAR-10 stds are not the data's own (0.2470, 0.2435, 0.2616), so
     * normalised training images do not have unit variance.
     */
    public Normalization normalization() {
        return normalization;
    }

    /** The official archive: URL on the CIFAR page, size, published MD5, and the folder it unpacks to. */
    public ArchiveSource officialArchive() {
        return archive;
    }

    /** The official files, their record counts and the SHA-256s known for the copies this project uses. */
    public CifarLayout layout() {
        return CifarLayout.official(this);
    }

    /** The dataset whose {@link #id()} is {@code id}, ignoring case. */
    public static CifarDataset fromId(String id) {
        for (CifarDataset d : values()) {
            if (d.id.equalsIgnoreCase(id == null ? "" : id.trim())) {
                return d;
            }
        }
        throw new IllegalArgumentException("dataset must be one of " + ids() + ", got '" + id + "'");
    }

    /** The ids of all datasets, for messages: {@code [cifar10, cifar100]}. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(CifarDataset::id).collect(Collectors.toList());
    }

    void requireLevel(LabelLevel level) {
        if (!levels().contains(Checks.notNull("level", level))) {
            throw new IllegalArgumentException(displayName + " has no " + level.id() + " labels; its levels are "
                    + levels().stream().map(LabelLevel::id).collect(Collectors.toList()));
        }
    }
}
