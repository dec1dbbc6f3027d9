"""Writes the small ONNX fixtures of the importer tests, each with a reference input and PyTorch's output.

Regenerate (from the repository root, with CPU PyTorch and onnx in a virtual environment outside the work tree):

    python3 -m venv /work/pyenv-onnx
    /work/pyenv-onnx/bin/pip install torch==2.13.0+cpu onnx numpy
    /work/pyenv-onnx/bin/python src/test/resources/onnx/make_fixtures.py

Files written beside this script, for each NAME below:
    NAME.onnx           the model, exported with torch.onnx.export(dynamo=False, opset 13), weights inside the file
    NAME.expected.json  {"input_shape": [N, C, H, W], "input": [...], "logits": [[...], ...]}: the input (random,
                        three decimals) flattened in NCHW order and the model's float32 output, computed by PyTorch

The nets are 8x8x3 -> 10 classes, widths matching `TINY` at width 0.5 (conv 4, 8; fc 16), with biases:
    vgg_bn      Conv-BN-ReLU-MaxPool x2, Flatten, Linear-ReLU, Linear (BN kept as BatchNormalization nodes)
    vgg_clip    Conv-clamp(0, 4)-MaxPool, Conv-min(relu(x), mu=2.5 as an initializer)-MaxPool, Flatten,
                Linear-clamp(0, 3), Linear: the Clip and the Relu+Min forms of a clip
    resnet_block a stem Conv-BN-ReLU, one basic block with a 1x1 projection shortcut (stride 2) and BN,
                Add, ReLU, MaxPool, Flatten, Linear
    vgg_bn_dynamo  vgg_bn's network (its own weights) through PyTorch's default exporter (dynamo=True: IR 10, opset 20,
                BN fused into the convolutions, Reshape for the flatten, weights in vgg_bn_dynamo.onnx.data beside it;
                needs onnxscript: pip install onnxscript)
    tiny_cifar  a CIFAR-shaped net (32x32x3 -> 10) for the command-line tests: Conv(2)-clamp(0, 4)-MaxPool,
                Conv(4)-clamp(0, 4)-MaxPool, Flatten, Linear(8)-ReLU, Linear(10)
and one Keras (HDF5) fixture, written with h5py in the layout tf.keras 2.x saves (no TensorFlow needed; add h5py to
the pip install above):
    keras_vgg_bn.h5  Conv2D(4, same)-BatchNormalization-Activation(relu)-MaxPooling2D, Conv2D(8, same, relu fused)-
                MaxPooling2D, Flatten (channels_last: H, W, C order), Dense(16, relu)-Dropout, Dense(10, softmax);
                its logits (before the softmax) come from PyTorch running the same weights
Seeds are fixed, so a rerun rewrites the same files (up to the exporter's version string).
"""
import json
import os

import numpy as np
import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))


class VggBn(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2, 2),
            nn.Conv2d(4, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(), nn.MaxPool2d(2, 2))
        self.classifier = nn.Sequential(nn.Linear(32, 16), nn.ReLU(), nn.Dropout(0.5), nn.Linear(16, 10))

    def forward(self, x):
        return self.classifier(torch.flatten(self.features(x), 1))


class VggClip(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 4, 3, padding=1)
        self.conv2 = nn.Conv2d(4, 8, 3, padding=1)
        self.mu2 = nn.Parameter(torch.tensor(2.5))
        self.fc1 = nn.Linear(32, 16)
        self.out = nn.Linear(16, 10)
        self.pool = nn.MaxPool2d(2, 2)

    def forward(self, x):
        x = self.pool(torch.clamp(self.conv1(x), 0, 4.0))
        x = self.pool(torch.minimum(torch.relu(self.conv2(x)), self.mu2))
        x = torch.clamp(self.fc1(torch.flatten(x, 1)), 0, 3.0)
        return self.out(x)


class ResNetBlock(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU())
        self.conv1 = nn.Conv2d(4, 8, 3, stride=2, padding=1)
        self.bn1 = nn.BatchNorm2d(8)
        self.conv2 = nn.Conv2d(8, 8, 3, padding=1)
        self.bn2 = nn.BatchNorm2d(8)
        self.short = nn.Sequential(nn.Conv2d(4, 8, 1, stride=2), nn.BatchNorm2d(8))
        self.pool = nn.MaxPool2d(2, 2)
        self.fc = nn.Linear(32, 10)

    def forward(self, x):
        x = self.stem(x)
        h = torch.relu(self.bn1(self.conv1(x)))
        y = torch.relu(self.bn2(self.conv2(h)) + self.short(x))
        return self.fc(torch.flatten(self.pool(y), 1))


class TinyCifar(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 2, 3, padding=1)
        self.conv2 = nn.Conv2d(2, 4, 3, padding=1)
        self.fc1 = nn.Linear(4 * 8 * 8, 8)
        self.out = nn.Linear(8, 10)
        self.pool = nn.MaxPool2d(2, 2)

    def forward(self, x):
        x = self.pool(torch.clamp(self.conv1(x), 0, 4.0))
        x = self.pool(torch.clamp(self.conv2(x), 0, 4.0))
        return self.out(torch.relu(self.fc1(torch.flatten(x, 1))))


def randomise_batch_norms(model, generator):
    """Non-trivial running statistics and affine parameters, so a wrong BN mapping shows in the logits."""
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            with torch.no_grad():
                m.weight.copy_(1 + 0.3 * torch.randn(m.num_features, generator=generator))
                m.bias.copy_(0.2 * torch.randn(m.num_features, generator=generator))
                m.running_mean.copy_(0.3 * torch.randn(m.num_features, generator=generator))
                m.running_var.copy_(0.5 + torch.rand(m.num_features, generator=generator))


def export(name, model, seed, size=8, dynamo=False):
    generator = torch.Generator().manual_seed(seed)
    randomise_batch_norms(model, generator)
    model.eval()
    # three decimals keep the JSON short; k / 1000 in float32 is what Java parses "0.123" to
    x = torch.round(torch.randn(4 if size == 8 else 2, 3, size, size, generator=generator) * 1000) / 1000
    with torch.no_grad():
        logits = model(x)
    path = os.path.join(HERE, name + ".onnx")
    if dynamo:
        # torch's default since 2.9: the torch.export-based exporter, external data, onnxscript's optimisations
        torch.onnx.export(model, (x,), path, dynamo=True, input_names=["input"], output_names=["logits"])
    else:
        # TrainingMode.PRESERVE with an eval-mode model keeps BatchNormalization nodes (EVAL would fold them)
        torch.onnx.export(model, (x,), path, dynamo=False, opset_version=13, input_names=["input"],
                          output_names=["logits"], training=torch.onnx.TrainingMode.PRESERVE,
                          do_constant_folding=False)
    with open(os.path.join(HERE, name + ".expected.json"), "w") as f:
        json.dump({"input_shape": list(x.shape), "input": [round(float(v), 3) for v in x.numpy().ravel()],
                   "logits": logits.numpy().astype(np.float64).tolist()}, f)
        f.write("\n")
    print(f"{name}.onnx: {os.path.getsize(path)} bytes")


def keras_layer(class_name, name, **config):
    return {"class_name": class_name, "config": {"name": name, "trainable": True, "dtype": "float32", **config}}


def keras_conv(name, filters, activation):
    return keras_layer("Conv2D", name, filters=filters, kernel_size=[3, 3], strides=[1, 1], padding="same",
                       data_format="channels_last", dilation_rate=[1, 1], groups=1, activation=activation,
                       use_bias=True, kernel_initializer={"class_name": "GlorotUniform", "config": {"seed": None}},
                       bias_initializer={"class_name": "Zeros", "config": {}}, kernel_regularizer=None,
                       bias_regularizer=None, activity_regularizer=None, kernel_constraint=None, bias_constraint=None)


def keras_dense(name, units, activation):
    return keras_layer("Dense", name, units=units, activation=activation, use_bias=True,
                       kernel_initializer={"class_name": "GlorotUniform", "config": {"seed": None}},
                       bias_initializer={"class_name": "Zeros", "config": {}}, kernel_regularizer=None,
                       bias_regularizer=None, activity_regularizer=None, kernel_constraint=None, bias_constraint=None)


def keras_pool(name):
    return keras_layer("MaxPooling2D", name, pool_size=[2, 2], padding="valid", strides=[2, 2],
                       data_format="channels_last")


def export_keras(name, seed):
    """A tf.keras 2.x Sequential HDF5 file, written by hand, and PyTorch's logits for the same weights."""
    import h5py
    rng = np.random.default_rng(seed)
    rnd = lambda *shape: (0.3 * rng.standard_normal(shape)).astype(np.float32)
    k1, b1, k2, b2 = rnd(3, 3, 3, 4), rnd(4), rnd(3, 3, 4, 8), rnd(8)          # Keras kernels [kh, kw, in, out]
    gamma, beta, mean, var = 1 + rnd(4), rnd(4), rnd(4), (0.5 + rng.random(4)).astype(np.float32)
    d1, c1, d2, c2 = rnd(32, 16), rnd(16), rnd(16, 10), rnd(10)                 # Dense kernels [in, out]
    layers = [
        keras_layer("InputLayer", "input_1", batch_input_shape=[None, 8, 8, 3], sparse=False, ragged=False),
        keras_conv("conv2d", 4, "linear"),
        keras_layer("BatchNormalization", "batch_normalization", axis=[3], momentum=0.99, epsilon=0.001,
                    center=True, scale=True, beta_initializer={"class_name": "Zeros", "config": {}},
                    gamma_initializer={"class_name": "Ones", "config": {}},
                    moving_mean_initializer={"class_name": "Zeros", "config": {}},
                    moving_variance_initializer={"class_name": "Ones", "config": {}}, beta_regularizer=None,
                    gamma_regularizer=None, beta_constraint=None, gamma_constraint=None),
        keras_layer("Activation", "activation", activation="relu"),
        keras_pool("max_pooling2d"),
        keras_conv("conv2d_1", 8, "relu"),
        keras_pool("max_pooling2d_1"),
        keras_layer("Flatten", "flatten", data_format="channels_last"),
        keras_dense("dense", 16, "relu"),
        keras_layer("Dropout", "dropout", rate=0.5, noise_shape=None, seed=None),
        keras_dense("dense_1", 10, "softmax"),
    ]
    weights = {"conv2d": {"kernel:0": k1, "bias:0": b1},
               "batch_normalization": {"gamma:0": gamma, "beta:0": beta, "moving_mean:0": mean,
                                       "moving_variance:0": var},
               "conv2d_1": {"kernel:0": k2, "bias:0": b2}, "dense": {"kernel:0": d1, "bias:0": c1},
               "dense_1": {"kernel:0": d2, "bias:0": c2}}
    config = {"class_name": "Sequential", "config": {"name": "sequential", "layers": layers}}
    path = os.path.join(HERE, name + ".h5")
    with h5py.File(path, "w") as f:
        f.attrs["keras_version"] = "2.15.0"
        f.attrs["backend"] = "tensorflow"
        f.attrs["model_config"] = json.dumps(config)
        g = f.create_group("model_weights")
        names = [l["config"]["name"] for l in layers[1:]]
        g.attrs["layer_names"] = np.array([n.encode() for n in names])
        g.attrs["keras_version"] = "2.15.0"
        g.attrs["backend"] = "tensorflow"
        for layer in names:
            lg = g.create_group(layer)
            ws = weights.get(layer, {})
            lg.attrs["weight_names"] = np.array([f"{layer}/{w}".encode() for w in ws])
            for w, v in ws.items():
                lg.create_dataset(f"{layer}/{w}", data=v)
    generator = torch.Generator().manual_seed(seed)
    x = torch.round(torch.randn(4, 3, 8, 8, generator=generator) * 1000) / 1000            # NCHW
    t = lambda a: torch.from_numpy(a)
    with torch.no_grad():
        y = torch.nn.functional.conv2d(x, t(k1).permute(3, 2, 0, 1), t(b1), padding=1)
        y = torch.nn.functional.batch_norm(y, t(mean), t(var), t(gamma), t(beta), eps=1e-3)
        y = torch.nn.functional.max_pool2d(torch.relu(y), 2)
        y = torch.nn.functional.max_pool2d(torch.relu(
            torch.nn.functional.conv2d(y, t(k2).permute(3, 2, 0, 1), t(b2), padding=1)), 2)
        y = y.permute(0, 2, 3, 1).reshape(4, -1)                                             # Keras flattens H, W, C
        logits = torch.relu(y @ t(d1) + t(c1)) @ t(d2) + t(c2)
    with open(os.path.join(HERE, name + ".expected.json"), "w") as f:
        json.dump({"input_shape": list(x.shape), "input": [round(float(v), 3) for v in x.numpy().ravel()],
                   "logits": logits.numpy().astype(np.float64).tolist()}, f)
        f.write("\n")
    print(f"{name}.h5: {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    torch.manual_seed(17)
    export("vgg_bn", VggBn(), 1)
    export("vgg_clip", VggClip(), 2)
    export("resnet_block", ResNetBlock(), 3)
    export("tiny_cifar", TinyCifar(), 4, size=32)
    export_keras("keras_vgg_bn", 5)
    export("vgg_bn_dynamo", VggBn(), 6, dynamo=True)  # last: the fixtures above keep their weights
