#!/usr/bin/env python3
"""Trains a small CNN on CIFAR-10 in PyTorch and exports it to ONNX: the example network of notebook 11.

Writes docs/import/examples/cifar10-small-cnn.onnx and, beside it, cifar10-small-cnn.expected.json (two test images
as the network sees them, normalised, and PyTorch's logits for them) and cifar10-small-cnn.txt (how it was made and
its test accuracy in PyTorch). Needs torch and onnx (CPU builds are enough):

    python3 -m venv /tmp/onnx-env && /tmp/onnx-env/bin/pip install torch onnx
    /tmp/onnx-env/bin/python docs/import/make_example.py --data data   # data/cifar-10-batches-bin/ from `bin/ullsnn data fetch`

The network: three blocks of 3x3 convolution, batch norm, ReLU and 2x2 max-pooling (16, 32, 64 channels), then
dense 1024 -> 64 with ReLU and dense 64 -> 10; inputs normalised with CIFAR-10's mean and std as our CifarDataset
does. Trained for --epochs epochs (default 4) with SGD (momentum 0.9, lr 0.05, cosine, L2 5e-4), batch 128, random
horizontal flips, on 2 CPU threads; seeded, so a rerun on the same torch build gives the same file.
"""
import argparse
import json
import os
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

MEAN = np.array([0.4914, 0.4822, 0.4465], dtype=np.float32).reshape(1, 3, 1, 1)
STD = np.array([0.2023, 0.1994, 0.2010], dtype=np.float32).reshape(1, 3, 1, 1)


def read_batches(folder, names):
    """CIFAR-10 binary records: 1 label byte, then 3072 bytes of channel-major 32x32 pixels."""
    raw = np.concatenate([np.fromfile(os.path.join(folder, n), dtype=np.uint8).reshape(-1, 3073) for n in names])
    labels = raw[:, 0].astype(np.int64)
    images = raw[:, 1:].reshape(-1, 3, 32, 32).astype(np.float32) / 255.0
    return (images - MEAN) / STD, labels


class SmallCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1, self.bn1 = nn.Conv2d(3, 16, 3, padding=1, bias=False), nn.BatchNorm2d(16)
        self.conv2, self.bn2 = nn.Conv2d(16, 32, 3, padding=1, bias=False), nn.BatchNorm2d(32)
        self.conv3, self.bn3 = nn.Conv2d(32, 64, 3, padding=1, bias=False), nn.BatchNorm2d(64)
        self.fc1 = nn.Linear(64 * 4 * 4, 64)
        self.out = nn.Linear(64, 10)

    def forward(self, x):
        for conv, bn in ((self.conv1, self.bn1), (self.conv2, self.bn2), (self.conv3, self.bn3)):
            x = F.max_pool2d(F.relu(bn(conv(x))), 2)
        return self.out(F.relu(self.fc1(torch.flatten(x, 1))))


def accuracy(model, images, labels):
    model.eval()
    with torch.no_grad():
        predicted = torch.cat([model(torch.from_numpy(images[i:i + 500])).argmax(1)
                               for i in range(0, len(images), 500)])
    return (predicted.numpy() == labels).mean()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default="data", help="folder holding cifar-10-batches-bin/")
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "examples"))
    args = parser.parse_args()
    torch.manual_seed(7)
    np.random.seed(7)
    torch.set_num_threads(2)
    folder = os.path.join(args.data, "cifar-10-batches-bin")
    train_x, train_y = read_batches(folder, ["data_batch_%d.bin" % i for i in range(1, 6)])
    test_x, test_y = read_batches(folder, ["test_batch.bin"])

    model = SmallCnn()
    optimiser = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9, weight_decay=5e-4)
    steps = args.epochs * (len(train_x) // 128)
    schedule = torch.optim.lr_scheduler.CosineAnnealingLR(optimiser, steps)
    start = time.time()
    for epoch in range(args.epochs):
        model.train()
        order = np.random.permutation(len(train_x))
        for i in range(0, len(order) - 127, 128):
            idx = order[i:i + 128]
            x = train_x[idx].copy()
            flip = np.random.rand(len(idx)) < 0.5
            x[flip] = x[flip][..., ::-1]
            loss = F.cross_entropy(model(torch.from_numpy(x)), torch.from_numpy(train_y[idx]))
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
        print("epoch %d/%d: loss %.4f, test accuracy %.4f, %.0f s" % (epoch + 1, args.epochs, loss.item(),
              accuracy(model, test_x, test_y), time.time() - start), flush=True)

    model.eval()
    test_accuracy = accuracy(model, test_x, test_y)
    os.makedirs(args.out, exist_ok=True)
    stem = os.path.join(args.out, "cifar10-small-cnn")
    torch.onnx.export(model, torch.from_numpy(test_x[:1]), stem + ".onnx", input_names=["input"],
                      output_names=["logits"], dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}},
                      opset_version=13, dynamo=False)
    sample = test_x[:2]
    with torch.no_grad():
        logits = model(torch.from_numpy(sample)).double().numpy()
    with open(stem + ".expected.json", "w") as f:
        json.dump({"input_shape": list(sample.shape), "input": [round(float(v), 6) for v in sample.ravel()],
                   "logits": logits.tolist()}, f)
    with open(stem + ".txt", "w") as f:
        f.write("cifar10-small-cnn.onnx: made by docs/import/make_example.py --epochs %d with torch %s\n"
                "PyTorch test accuracy on the 10,000 CIFAR-10 test images: %.2f %%\n"
                "training time: %.0f s on 2 CPU threads\n" % (args.epochs, torch.__version__, 100 * test_accuracy,
                                                               time.time() - start))
    print(open(stem + ".txt").read(), end="")


if __name__ == "__main__":
    main()
