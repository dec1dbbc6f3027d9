package org.ullsnn.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Class names of a CIFAR dataset: read from its names file (one name per line; empty lines, such as the
 * one that ends {@code batches.meta.txt}, are skipped), or the built-in official names when the file is
 * absent.
 */
public final class LabelNames {

    private LabelNames() {
    }

    /**
     * The names of {@code dataset}'s classes at {@code level}, from {@code folder/<names file>} if it
     * exists, else {@link CifarDataset#builtInClassNames(LabelLevel)}.
     *
     * @throws CifarFormatException if the file holds another number of names than the dataset has classes
     */
    public static List<String> read(CifarDataset dataset, LabelLevel level, Path folder) throws IOException {
        Path file = folder.resolve(dataset.labelNamesFile(level));
        if (!Files.isRegularFile(file)) {
            return dataset.builtInClassNames(level);
        }
        List<String> names = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
        int expected = dataset.classes(level);
        if (names.size() != expected) {
            throw new CifarFormatException(file, "expected " + expected + " " + level.id() + " class names (one per "
                    + "non-empty line) for " + dataset.displayName() + ", found " + names.size());
        }
        return names;
    }
}
