"""numpy peer for the @infra/bandit benchmark: disjoint LinUCB and linear Thompson sampling (scalar-draw
form, 16 joint draws for the probability vector) with per-arm Sherman-Morrison updates, d=32, K=16.
Prints {"timings": {name: {"samples_us": [...]}}} on its last line (decide + update per sample)."""
import json
import sys
import time

import numpy as np

D, K = 32, 16
ITER = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
WARM = 1000


class LinearArms:
    def __init__(self, lam=1.0):
        self.ainv = np.stack([np.eye(D) / lam for _ in range(K)])
        self.gram = np.stack([np.eye(D) * lam for _ in range(K)])
        self.b = np.zeros((K, D))
        self.theta = np.zeros((K, D))

    def predict(self, x):
        mean = self.theta @ x
        width = np.sqrt(np.einsum("i,kij,j->k", x, self.ainv, x))
        return mean, width

    def update(self, a, x, r):
        u = self.ainv[a] @ x
        denom = 1.0 + x @ u
        self.ainv[a] -= np.outer(u, u) / denom
        self.gram[a] += np.outer(x, x)
        self.b[a] += r * x
        self.theta[a] = self.ainv[a] @ self.b[a]


def linucb_step(model, x, rng, alpha=1.0):
    mean, width = model.predict(x)
    scores = mean + alpha * width
    a = int(np.argmax(scores))
    model.update(a, x, rng.random())


def lints_step(model, x, rng, v=1.0, m=16):
    mean, width = model.predict(x)
    draws = mean + v * width * rng.standard_normal((m, K))
    p = np.bincount(np.argmax(draws, axis=1), minlength=K) / m
    a = int(rng.choice(K, p=p))
    model.update(a, x, rng.random())


def run(step):
    rng = np.random.default_rng(1)
    xs = rng.random((256, D)) - 0.5
    model = LinearArms()
    for i in range(WARM):
        step(model, xs[i % 256], rng)
    samples = []
    c0 = time.process_time_ns()
    for i in range(ITER):
        t0 = time.perf_counter_ns()
        step(model, xs[i % 256], rng)
        samples.append((time.perf_counter_ns() - t0) / 1e3)
    return samples, (time.process_time_ns() - c0) / 1e3 / ITER


ucb, ucb_cpu = run(linucb_step)
ts, ts_cpu = run(lints_step)
print(json.dumps({"timings": {"linucb": {"samples_us": ucb}, "lints": {"samples_us": ts}},
                  "cpu_us_per_step": {"linucb": ucb_cpu, "lints": ts_cpu}}))
