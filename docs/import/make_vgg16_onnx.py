"""Exports a full-width VGG-16 for CIFAR (the layout of our `vgg16` at width 1) from PyTorch to ONNX, for measuring
`ullsnn import` + `convert` + simulation at T = 2 on a CPU. The weights are PyTorch's default initialisation (seeded),
so accuracy is chance: this measures time and memory, not conversion quality. The file (~160 MB) is not committed.

    python3 -m venv /work/pyenv-onnx
    /work/pyenv-onnx/bin/pip install torch==2.13.0+cpu onnx
    /work/pyenv-onnx/bin/python docs/import/make_vgg16_onnx.py /tmp/vgg16.onnx [--bn] [--clip MU] [--reference R.json]

--reference writes two random 32x32 inputs and PyTorch's logits for them in the layout of the test fixtures
(src/test/resources/onnx/*.expected.json), to check an import of the full-size network against its source.

Layout: 13 conv 3x3 (64, 64, M, 128, 128, M, 256 x3, M, 512 x3, M, 512 x3) each followed by ReLU (or clamp(0, MU)),
optional BatchNorm2d before it, 2x2 max-pools, then Linear 2048 -> 4096 -> 4096 -> 10 with ReLU and dropout.
Exported with the TorchScript exporter (dynamo=False), opset 13, weights inside the .onnx file.
"""
import argparse

import torch
import torch.nn as nn

FEATURES = [64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512, "M", 512, 512, 512]


class Clamp(nn.Module):
    def __init__(self, mu):
        super().__init__()
        self.mu = mu

    def forward(self, x):
        return torch.clamp(x, 0, self.mu)


def vgg16(batch_norm, mu, classes=10):
    layers, channels = [], 3
    for f in FEATURES:
        if f == "M":
            layers.append(nn.MaxPool2d(2, 2))
            continue
        layers.append(nn.Conv2d(channels, f, 3, padding=1))
        if batch_norm:
            layers.append(nn.BatchNorm2d(f))
        layers.append(Clamp(mu) if mu else nn.ReLU())
        channels = f
    act = (lambda: Clamp(mu)) if mu else nn.ReLU
    return nn.Sequential(*layers, nn.Flatten(), nn.Linear(512 * 2 * 2, 4096), act(), nn.Dropout(0.5),
                         nn.Linear(4096, 4096), act(), nn.Dropout(0.5), nn.Linear(4096, classes))


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("--bn", action="store_true", help="BatchNorm2d after every convolution (kept as BN nodes)")
    p.add_argument("--clip", type=float, default=0, help="clamp(0, MU) instead of ReLU")
    p.add_argument("--reference", help="write reference inputs and logits to this JSON file")
    a = p.parse_args()
    torch.manual_seed(16)
    model = vgg16(a.bn, a.clip).eval()
    torch.onnx.export(model, (torch.randn(1, 3, 32, 32),), a.out, dynamo=False, opset_version=13,
                      input_names=["input"], output_names=["logits"], training=torch.onnx.TrainingMode.PRESERVE,
                      do_constant_folding=False)
    print(a.out, sum(p.numel() for p in model.parameters()), "parameters")
    if a.reference:
        import json
        x = torch.round(torch.randn(2, 3, 32, 32) * 1000) / 1000
        with torch.no_grad():
            logits = model(x)
        with open(a.reference, "w") as f:
            json.dump({"input_shape": list(x.shape), "input": [round(float(v), 3) for v in x.numpy().ravel()],
                       "logits": logits.double().numpy().tolist()}, f)
