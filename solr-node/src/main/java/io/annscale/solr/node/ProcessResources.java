package io.annscale.solr.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What a process holds, read from Linux's {@code /proc}: resident memory and open files. */
public final class ProcessResources {
  private ProcessResources() {}

  /** Resident set of process {@code pid} (heap, code, mapped pages touched), or -1. */
  public static long residentBytes(long pid) {
    Path status = Path.of("/proc", Long.toString(pid), "status");
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmRSS:")) {
          String[] parts = line.trim().split("\\s+");
          return Long.parseLong(parts[1]) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or the process has gone
    }
    return -1;
  }

  /** File descriptors process {@code pid} holds open (files, sockets, pipes), or -1. */
  public static long openFiles(long pid) {
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      return fds.count();
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
