"""Writes a copy of a .fvecs data set with its base vectors grouped by nearest centre.

The same vectors and queries; the ground truth is renumbered to the new order. Used to
measure what grouping the vectors by neighbourhood does to a graph build
(docs/benchmarks/ingestion.md, "Build speed"). Needs numpy.

    python3 sort-by-centroid.py SRC DST [--dim 128] [--centres 1024]

SRC holds base.fvecs, query.fvecs, groundtruth-k100.ivecs and groundtruth-k100.dist.fvecs.
"""
import argparse
import shutil

import numpy as np

parser = argparse.ArgumentParser()
parser.add_argument("src")
parser.add_argument("dst")
parser.add_argument("--dim", type=int, default=128)
parser.add_argument("--centres", type=int, default=1024)
args = parser.parse_args()

raw = np.fromfile(args.src + "/base.fvecs", dtype=np.float32).reshape(-1, args.dim + 1)
x = raw[:, 1:]
n = x.shape[0]
centres = x[np.random.default_rng(1).choice(n, args.centres, replace=False)]
centre_norms = (centres * centres).sum(1)
nearest = np.empty(n, dtype=np.int32)
for start in range(0, n, 65536):
    block = x[start:start + 65536]
    nearest[start:start + 65536] = np.argmin(centre_norms[None, :] - 2 * block @ centres.T, axis=1)
old_at = np.argsort(nearest, kind="stable")  # new position -> old id
raw[old_at].tofile(args.dst + "/base.fvecs")
new_of = np.empty(n, dtype=np.int32)
new_of[old_at] = np.arange(n, dtype=np.int32)  # old id -> new position
truth = np.fromfile(args.src + "/groundtruth-k100.ivecs", dtype=np.int32).reshape(-1, 101)
truth[:, 1:] = new_of[truth[:, 1:]]
truth.tofile(args.dst + "/groundtruth-k100.ivecs")
for name in ("query.fvecs", "groundtruth-k100.dist.fvecs"):
    shutil.copy(args.src + "/" + name, args.dst + "/" + name)
