# Writes tiny-angular.hdf5 exactly as ann-benchmarks' datasets.py write_output() does (same datasets, dtypes and
# attributes), from seeded clustered vectors: python3 make-fixture.py (needs h5py and numpy).
import h5py
import numpy

rng = numpy.random.default_rng(7)
centres = rng.normal(size=(12, 16))
points = centres[rng.integers(0, 12, size=630)] + 0.4 * rng.normal(size=(630, 16))
points = points.astype(numpy.float32)
train, test = points[:600], points[600:]

unit = lambda x: x / numpy.linalg.norm(x, axis=1, keepdims=True)
cosine_distance = 1.0 - unit(test.astype(numpy.float64)) @ unit(train.astype(numpy.float64)).T
count = 100
neighbors = numpy.argsort(cosine_distance, axis=1, kind="stable")[:, :count]

with h5py.File("tiny-angular.hdf5", "w") as f:
    f.attrs["type"] = "dense"
    f.attrs["distance"] = "angular"
    f.attrs["dimension"] = train.shape[1]
    f.attrs["point_type"] = "float"
    f.create_dataset("train", data=train)
    f.create_dataset("test", data=test)
    f.create_dataset("neighbors", data=neighbors.astype(int))
    f.create_dataset("distances", data=numpy.take_along_axis(cosine_distance, neighbors, axis=1))
