"""numpy peer for the @infra/bandit benchmark: hybrid LinUCB (Li et al. 2010, Algorithm 2) in the same rank-1
form as the TypeScript policy (Sherman-Morrison on A_a^-1 and A0^-1, C_a = A_a^-1 B_a and h_a = A_a^-1 b_a kept
incrementally, s = w'A0^-1 w + x'A_a^-1 x with w = z_a - C_a'x), batched over arms with einsum.
k=8 shared features per arm, d=32 per-arm features (one x for every arm), K=16.
Prints {"timings": {"hybrid": {"samples_us": [...]}}, "cpu_us_per_step": {...}} on its last line."""
import json
import sys
import time

import numpy as np

K, D, KS = 16, 32, 8
ITER = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
WARM = 1000


class Hybrid:
    def __init__(self, lam=1.0):
        self.ainv = np.stack([np.eye(D) / lam for _ in range(K)])
        self.gram = np.stack([np.eye(D) * lam for _ in range(K)])
        self.cross = np.zeros((K, D, KS))
        self.b = np.zeros((K, D))
        self.coupling = np.zeros((K, D, KS))
        self.own = np.zeros((K, D))
        self.a0 = np.eye(KS) * lam
        self.a0inv = np.eye(KS) / lam
        self.b0 = np.zeros(KS)
        self.beta = np.zeros(KS)

    def scores(self, z, x, alpha=1.0):
        w = z - np.einsum("apj,p->aj", self.coupling, x)
        mean = w @ self.beta + self.own @ x
        s = np.einsum("aj,jl,al->a", w, self.a0inv, w) + np.einsum("p,apq,q->a", x, self.ainv, x)
        return mean + alpha * np.sqrt(np.maximum(s, 0.0))

    def update(self, a, z, x, r):
        u = self.ainv[a] @ x
        c = 1.0 + x @ u
        g = x @ self.own[a]
        w = z - self.coupling[a].T @ x
        self.ainv[a] -= np.outer(u, u) / c
        self.gram[a] += np.outer(x, x)
        self.cross[a] += np.outer(x, z)
        self.b[a] += r * x
        self.coupling[a] += np.outer(u, w) / c
        self.own[a] += u * ((r - g) / c)
        y = w / np.sqrt(c)
        self.a0 += np.outer(y, y)
        u0 = self.a0inv @ y
        self.a0inv -= np.outer(u0, u0) / (1.0 + y @ u0)
        self.b0 += w * ((r - g) / c)
        self.beta = self.a0inv @ self.b0


def step(model, z, x, rng):
    a = int(np.argmax(model.scores(z, x)))
    model.update(a, z[a], x, rng.random())


def run():
    rng = np.random.default_rng(1)
    zs = rng.random((256, K, KS)) - 0.5
    xs = rng.random((256, D)) - 0.5
    model = Hybrid()
    for i in range(WARM):
        step(model, zs[i % 256], xs[i % 256], rng)
    samples = []
    c0 = time.process_time_ns()
    for i in range(ITER):
        t0 = time.perf_counter_ns()
        step(model, zs[i % 256], xs[i % 256], rng)
        samples.append((time.perf_counter_ns() - t0) / 1e3)
    return samples, (time.process_time_ns() - c0) / 1e3 / ITER


samples, cpu = run()
print(json.dumps({"timings": {"hybrid": {"samples_us": samples}}, "cpu_us_per_step": {"hybrid": cpu}}))
