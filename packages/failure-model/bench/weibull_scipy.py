#!/usr/bin/env python3
"""Python peer for bench/index.ts: scipy.stats on the same 30 000 censored lifetimes.

Usage: python3 weibull_scipy.py data.json [repeats]
data.json = {"times": [...], "events": [0/1, ...]}. Times scipy.stats.ecdf(CensoredData) (Kaplan-Meier with
its log-log confidence interval) and scipy.stats.weibull_min.fit(CensoredData, floc=0), and reports the fitted
shape / scale and log-likelihood. Last stdout line: {"timings": {...}, "weibull": {...}, "scipy": version}.
"""
import json
import sys
import time

import numpy as np
import scipy
from scipy import stats

path = sys.argv[1]
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
d = json.load(open(path))
t = np.asarray(d["times"], dtype=float)
e = np.asarray(d["events"], dtype=bool)
data = stats.CensoredData.right_censored(t, ~e)


def loglik(c, scale):
    return float(stats.weibull_min.logpdf(t[e], c, 0, scale).sum() + stats.weibull_min.logsf(t[~e], c, 0, scale).sum())


km_us = []
for _ in range(repeats):
    t0 = time.perf_counter()
    res = stats.ecdf(data)
    res.sf.confidence_interval(0.95, method="log-log")
    km_us.append((time.perf_counter() - t0) * 1e6)

fit_us = []
fit = None
for _ in range(repeats):
    t0 = time.perf_counter()
    fit = stats.weibull_min.fit(data, floc=0)
    fit_us.append((time.perf_counter() - t0) * 1e6)

c, _, scale = fit
print(json.dumps({
    "timings": {"km": {"samples_us": km_us}, "weibull": {"samples_us": fit_us}},
    "weibull": {"shape": float(c), "scale": float(scale), "logLik": loglik(c, scale)},
    "scipy": scipy.__version__,
}))
