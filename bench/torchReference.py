"""PyTorch CPU, 1 thread: the reference rows of bench/speed.ts (prints one JSON line).

The same three workloads as the tfjs side: the seed's MNIST MLP (784-64-64-10, batch 64,
RMSprop lr 1e-3 rho 0.9 as Keras, 48,000 samples, one epoch, data already in memory), and
one training step (forward, backward, Adam) of the seed's toy ResNet (32×32×3) and of the
small MNIST conv net, batch 64, random data. Times are wall seconds; CPU seconds as well
(time.process_time) since the machine may be shared.
"""
import json
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(1)
torch.manual_seed(0)
MNIST = sys.argv[1] if len(sys.argv) > 1 else None


def timed(fn, n):
    fn()  # warm-up
    w, c = time.perf_counter(), time.process_time()
    for _ in range(n):
        fn()
    return (time.perf_counter() - w) / n, (time.process_time() - c) / n


def mlp_epoch():
    if MNIST:
        raw = open(MNIST, "rb").read()[16:]
        x = torch.frombuffer(bytearray(raw), dtype=torch.uint8)[: 48000 * 784].reshape(48000, 784).float() / 255
    else:
        x = torch.rand(48000, 784)
    y = torch.randint(0, 10, (48000,))
    model = nn.Sequential(nn.Linear(784, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 10))
    opt = torch.optim.RMSprop(model.parameters(), lr=1e-3, alpha=0.9, eps=1e-7)

    def epoch():
        order = torch.randperm(48000)
        for i in range(0, 48000, 64):
            idx = order[i : i + 64]
            opt.zero_grad()
            loss = F.cross_entropy(model(x[idx]), y[idx])
            loss.backward()
            opt.step()
            loss.item()

    return timed(epoch, 2)


class ToyResnet(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(3, 32, 3)
        self.c2 = nn.Conv2d(32, 64, 3)
        self.b = nn.ModuleList([nn.Conv2d(64, 64, 3, padding=1) for _ in range(4)])
        self.c3 = nn.Conv2d(64, 64, 3)
        self.d1 = nn.Linear(64, 256)
        self.d2 = nn.Linear(256, 10)

    def forward(self, x):
        x = F.relu(self.c2(F.relu(self.c1(x))))
        b1 = F.max_pool2d(x, 3)
        b2 = F.relu(self.b[1](F.relu(self.b[0](b1)))) + b1
        b3 = F.relu(self.b[3](F.relu(self.b[2](b2)))) + b2
        x = F.relu(self.c3(b3)).mean((2, 3))
        return self.d2(F.dropout(F.relu(self.d1(x)), 0.5, self.training))


class MnistConv(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(1, 16, 3)
        self.c2 = nn.Conv2d(16, 32, 3)
        self.d = nn.Linear(32 * 5 * 5, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.c1(x)), 2)
        x = F.max_pool2d(F.relu(self.c2(x)), 2)
        return self.d(x.flatten(1))


def conv_step(model, shape, n):
    x = torch.rand(64, *shape)
    y = torch.randint(0, 10, (64,))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)

    def step():
        opt.zero_grad()
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
        loss.item()

    return timed(step, n)


out = {"torch": torch.__version__, "threads": torch.get_num_threads()}
out["mlp_epoch"] = mlp_epoch()
out["mnist_conv_step"] = conv_step(MnistConv(), (1, 28, 28), 30)
out["toy_resnet_step"] = conv_step(ToyResnet(), (3, 32, 32), 5)
print(json.dumps(out))
