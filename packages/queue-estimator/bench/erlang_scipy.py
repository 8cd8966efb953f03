"""Python peer for the Erlang C / M/M/c benchmark: scipy.stats.poisson closed forms (Erlang B as the
truncated-Poisson ratio pmf(c)/cdf(c)), timed per call in the same run as the TypeScript side.
Prints {"timings": {...}, "values": {...}} on its last line."""
import json
import math
import time

from scipy.stats import poisson


def erlang_b(c, a):
    return poisson.pmf(c, a) / poisson.cdf(c, a)


def erlang_c(c, a):
    b = erlang_b(c, a)
    return c * b / (c - a * (1 - b))


def mmc_wait_p95(lam, mu, c):
    a = lam / mu
    pw = erlang_c(c, a)
    rate = c * mu - lam
    return 0.0 if 0.05 >= pw else math.log(pw / 0.05) / rate


def time_it(fn, n):
    for _ in range(min(n, 200)):
        fn()
    out = []
    for _ in range(n):
        t0 = time.perf_counter_ns()
        fn()
        out.append((time.perf_counter_ns() - t0) / 1e3)
    return out


cases = {"erlangC c=100 a=95": (100, 95.0), "erlangC c=1000 a=990": (1000, 990.0), "erlangC c=10000 a=9999": (10000, 9999.0)}
timings = {}
values = {}
for name, (c, a) in cases.items():
    timings[name] = {"samples_us": time_it(lambda: erlang_c(c, a), 2000)}
    values[name] = erlang_c(c, a)
timings["mmc p95 c=1000"] = {"samples_us": time_it(lambda: mmc_wait_p95(990.0, 1.0, 1000), 2000)}
values["mmc p95 c=1000"] = mmc_wait_p95(990.0, 1.0, 1000)
print(json.dumps({"timings": timings, "values": values}))
