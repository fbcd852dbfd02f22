/**
 * Float32 distance kernels: a scalar implementation that runs everywhere and a JDK Vector API
 * implementation used when the {@code jdk.incubator.vector} module is enabled. {@link
 * io.annscale.codec.distance.DistanceKernels#best()} picks one at class-load time.
 */
package io.annscale.codec.distance;
