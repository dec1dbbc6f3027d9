package org.ullsnn.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import onnx.Onnx;

/**
 * Reads the values of ONNX {@code TensorProto}s: float32 as is, float64, int32 and int64 cast to float32, from the
 * typed fields, {@code raw_data} (little-endian) or external data beside the model file (PyTorch's {@code .onnx.data},
 * https://onnx.ai/onnx/repo-docs/ExternalData.html).
 */
final class OnnxTensors {

    static final int FLOAT = 1;
    static final int INT32 = 6;
    static final int INT64 = 7;
    static final int DOUBLE = 11;

    private OnnxTensors() {
    }

    /** The element count its dimensions give. */
    static long elementCount(Onnx.TensorProto t) {
        long n = 1;
        for (long d : t.getDimsList()) {
            n *= d;
        }
        return n;
    }

    /** How many elements the tensor holds in the file, or -1 when its data lie in an external file. */
    static long storedElementCount(Onnx.TensorProto t) {
        if (isExternal(t)) {
            return -1;
        }
        if (!t.getRawData().isEmpty()) {
            int width = byteWidth(t.getDataType());
            return width > 0 ? t.getRawData().size() / width : -1;
        }
        return switch (t.getDataType()) {
            case FLOAT -> t.getFloatDataCount();
            case DOUBLE -> t.getDoubleDataCount();
            case INT64 -> t.getInt64DataCount();
            case INT32 -> t.getInt32DataCount();
            default -> -1;
        };
    }

    /**
     * The tensor's values as float32.
     *
     * @param folder where external data files are looked for (the model file's folder)
     * @throws UnsupportedModelException for an element type other than float32/64 and int32/64
     * @throws CorruptModelException     for external data that is missing, outside {@code folder} or too short
     */
    static Tensor read(Onnx.TensorProto t, Path folder) {
        long[] shape = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
        int n = Math.toIntExact(elementCount(t));
        int width = byteWidth(t.getDataType());
        if (width < 0) {
            throw new UnsupportedModelException("initializer '" + t.getName() + "' has ONNX element type "
                    + t.getDataType() + "; export the model in float32 (model.float())");
        }
        ByteBuffer raw = isExternal(t) ? external(t, folder, (long) n * width)
                : !t.getRawData().isEmpty() ? t.getRawData().asReadOnlyByteBuffer() : null;
        float[] v = new float[n];
        if (raw != null) {
            raw.order(ByteOrder.LITTLE_ENDIAN);
            switch (t.getDataType()) {
                case FLOAT -> raw.asFloatBuffer().get(v);
                case DOUBLE -> {
                    for (int i = 0; i < n; i++) {
                        v[i] = (float) raw.getDouble(raw.position() + 8 * i);
                    }
                }
                case INT64 -> {
                    for (int i = 0; i < n; i++) {
                        v[i] = raw.getLong(raw.position() + 8 * i);
                    }
                }
                default -> {
                    for (int i = 0; i < n; i++) {
                        v[i] = raw.getInt(raw.position() + 4 * i);
                    }
                }
            }
        } else {
            for (int i = 0; i < n; i++) {
                v[i] = switch (t.getDataType()) {
                    case FLOAT -> t.getFloatData(i);
                    case DOUBLE -> (float) t.getDoubleData(i);
                    case INT64 -> t.getInt64Data(i);
                    default -> t.getInt32Data(i);
                };
            }
        }
        return new Tensor(v, shape);
    }

    private static int byteWidth(int dataType) {
        return switch (dataType) {
            case FLOAT, INT32 -> 4;
            case DOUBLE, INT64 -> 8;
            default -> -1;
        };
    }

    private static boolean isExternal(Onnx.TensorProto t) {
        return t.getDataLocation() == Onnx.TensorProto.DataLocation.EXTERNAL;
    }

    private static ByteBuffer external(Onnx.TensorProto t, Path folder, long bytes) {
        String location = null;
        long offset = 0;
        long length = -1;
        for (Onnx.StringStringEntryProto e : t.getExternalDataList()) {
            switch (e.getKey()) {
                case "location" -> location = e.getValue();
                case "offset" -> offset = Long.parseLong(e.getValue());
                case "length" -> length = Long.parseLong(e.getValue());
                default -> { }
            }
        }
        if (location == null) {
            throw new CorruptModelException(folder, "initializer '" + t.getName() + "' is external but names no file");
        }
        Path file = folder.resolve(location).normalize();
        if (Path.of(location).isAbsolute() || !file.startsWith(folder.normalize())) {
            throw new CorruptModelException(file, "initializer '" + t.getName() + "' names external data outside the "
                    + "model's folder: " + location);
        }
        if (length >= 0 && length != bytes) {
            throw new CorruptModelException(file, "initializer '" + t.getName() + "' has " + length + " bytes of "
                    + "external data but its shape needs " + bytes);
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (offset + bytes > ch.size()) {
                throw new CorruptModelException(file, "initializer '" + t.getName() + "' needs bytes " + offset
                        + ".." + (offset + bytes) + " but the external data file has " + ch.size() + " (truncated?)");
            }
            ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(bytes));
            while (buf.hasRemaining()) {
                if (ch.read(buf, offset + buf.position()) < 0) {
                    throw new CorruptModelException(file, "unexpected end of external data");
                }
            }
            return buf.flip();
        } catch (java.nio.file.NoSuchFileException e) {
            throw new CorruptModelException(file, "the external data file of initializer '" + t.getName()
                    + "' is missing; keep it beside the .onnx file");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
