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
    tiny_cifar  a CIFAR-shaped net (32x32x3 -> 10) for the command-line tests: Conv(2)-clamp(0, 4)-MaxPool,
                Conv(4)-clamp(0, 4)-MaxPool, Flatten, Linear(8)-ReLU, Linear(10)
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


def export(name, model, seed, size=8):
    generator = torch.Generator().manual_seed(seed)
    randomise_batch_norms(model, generator)
    model.eval()
    # three decimals keep the JSON short; k / 1000 in float32 is what Java parses "0.123" to
    x = torch.round(torch.randn(4 if size == 8 else 2, 3, size, size, generator=generator) * 1000) / 1000
    with torch.no_grad():
        logits = model(x)
    path = os.path.join(HERE, name + ".onnx")
    # TrainingMode.PRESERVE with an eval-mode model keeps BatchNormalization nodes (EVAL would fold them into Conv)
    torch.onnx.export(model, (x,), path, dynamo=False, opset_version=13, input_names=["input"],
                      output_names=["logits"], training=torch.onnx.TrainingMode.PRESERVE, do_constant_folding=False)
    with open(os.path.join(HERE, name + ".expected.json"), "w") as f:
        json.dump({"input_shape": list(x.shape), "input": [round(float(v), 3) for v in x.numpy().ravel()],
                   "logits": logits.numpy().astype(np.float64).tolist()}, f)
        f.write("\n")
    print(f"{name}.onnx: {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    torch.manual_seed(17)
    export("vgg_bn", VggBn(), 1)
    export("vgg_clip", VggClip(), 2)
    export("resnet_block", ResNetBlock(), 3)
    export("tiny_cifar", TinyCifar(), 4, size=32)
