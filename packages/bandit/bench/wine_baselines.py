#!/usr/bin/env python3
"""Full-information baselines for the wine supervised-to-bandit check (figures quoted in README.md).

usage: python3 packages/bandit/bench/wine_baselines.py [path/to/wine.csv]

1. Multinomial logistic regression (L2, C = 1, z-scored features; scikit-learn when installed, else the same
   objective minimised with scipy's L-BFGS): training accuracy and 5-fold cross-validated accuracy.
2. One-pass online full-information ridge (one-hot targets, λ = 1, constant feature + z-scores, predict then
   learn), progressive accuracy averaged over 20 random permutations -- the same protocol as the TypeScript
   full-information baseline in src/wine.test.ts.
"""
import json
import os
import sys

import numpy as np
from scipy.optimize import minimize

path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "shared", "data", "uci-wine", "wine.csv")
raw = np.loadtxt(path, delimiter=",", skiprows=1)
X, y = raw[:, :13], raw[:, 13].astype(int)
Z = (X - X.mean(axis=0)) / X.std(axis=0)
n, d = Z.shape
K = 3


def fit_logistic(Xtr, ytr, C=1.0):
    try:
        from sklearn.linear_model import LogisticRegression  # noqa: PLC0415
        m = LogisticRegression(C=C, max_iter=10000).fit(Xtr, ytr)
        return lambda Xte: m.predict(Xte), "sklearn"
    except ImportError:
        Y = np.eye(K)[ytr]
        p = Xtr.shape[1] + 1
        A = np.hstack([np.ones((len(Xtr), 1)), Xtr])

        def loss(w):
            W = w.reshape(p, K)
            S = A @ W
            S -= S.max(axis=1, keepdims=True)
            logp = S - np.log(np.exp(S).sum(axis=1, keepdims=True))
            P = np.exp(logp)
            reg = 0.5 / C * (W[1:] ** 2).sum()
            grad = A.T @ (P - Y)
            grad[1:] += W[1:] / C
            return -(Y * logp).sum() + reg, grad.ravel()

        w = minimize(loss, np.zeros(p * K), jac=True, method="L-BFGS-B", options={"maxiter": 10000, "gtol": 1e-10}).x.reshape(p, K)
        return lambda Xte: np.argmax(np.hstack([np.ones((len(Xte), 1)), Xte]) @ w, axis=1), "scipy L-BFGS (no sklearn)"


predict, engine = fit_logistic(Z, y)
train_acc = float((predict(Z) == y).mean())
rng = np.random.default_rng(0)
folds = np.array_split(rng.permutation(n), 5)
cv = []
for f in folds:
    mask = np.ones(n, bool)
    mask[f] = False
    mu, sd = X[mask].mean(axis=0), X[mask].std(axis=0)
    pr, _ = fit_logistic((X[mask] - mu) / sd, y[mask])
    cv.append(float((pr((X[f] - mu) / sd) == y[f]).mean()))

online = []
F = np.hstack([np.ones((n, 1)), Z])
for run in range(20):
    order = np.random.default_rng(1000 + run).permutation(n)
    A = [np.eye(d + 1) for _ in range(K)]
    b = [np.zeros(d + 1) for _ in range(K)]
    correct = 0
    for i in order:
        x = F[i]
        scores = [x @ np.linalg.solve(A[k], b[k]) for k in range(K)]
        correct += int(np.argmax(scores) == y[i])
        for k in range(K):
            A[k] += np.outer(x, x)
            b[k] += (1.0 if k == y[i] else 0.0) * x
    online.append(correct / n)

print(json.dumps({
    "logistic_engine": engine,
    "logistic_train_accuracy": train_acc,
    "logistic_cv5_accuracy": float(np.mean(cv)),
    "online_full_info_ridge_accuracy_mean": float(np.mean(online)),
    "online_full_info_ridge_accuracy_sd": float(np.std(online, ddof=1)),
}))
