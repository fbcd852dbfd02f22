package io.annscale.bench.download;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP server on 127.0.0.1 serving byte arrays with Range support, and misbehaving on request:
 * dropping the connection or going silent after some bytes of the first response, or ignoring Range
 * headers.
 */
final class LoopbackServer implements AutoCloseable {
  /** How the first response of a path misbehaves. */
  enum Fault {
    NONE,
    DROP,
    STALL,
    IGNORE_RANGE
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final List<String> ranges = new CopyOnWriteArrayList<>();
  private volatile Fault fault = Fault.NONE;
  private volatile long faultAfterBytes;
  private volatile boolean faulted;

  LoopbackServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  void put(String path, byte[] content) {
    files.put(path, content);
  }

  void fault(Fault fault, long afterBytes) {
    this.fault = fault;
    this.faultAfterBytes = afterBytes;
    this.faulted = false;
  }

  /** The Range header of every request so far, "" when absent. */
  List<String> ranges() {
    return ranges;
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] content = files.get(exchange.getRequestURI().getPath());
    String range = exchange.getRequestHeaders().getFirst("Range");
    ranges.add(range == null ? "" : range);
    if (content == null) {
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
      return;
    }
    boolean misbehave = fault != Fault.NONE && (fault == Fault.IGNORE_RANGE || faulted == false);
    faulted = faulted || misbehave;
    int start = 0;
    int end = content.length - 1;
    int status = 200;
    if (range != null && !(misbehave && fault == Fault.IGNORE_RANGE)) {
      String[] bounds = range.substring("bytes=".length()).split("-", -1);
      start = Integer.parseInt(bounds[0]);
      if (bounds[1].isEmpty() == false) {
        end = Math.min(end, Integer.parseInt(bounds[1]));
      }
      if (start >= content.length) {
        exchange.getResponseHeaders().add("Content-Range", "bytes */" + content.length);
        exchange.sendResponseHeaders(416, -1);
        exchange.close();
        return;
      }
      status = 206;
      exchange
          .getResponseHeaders()
          .add("Content-Range", "bytes " + start + "-" + end + "/" + content.length);
    }
    int length = end - start + 1;
    exchange.sendResponseHeaders(status, length);
    try (OutputStream body = exchange.getResponseBody()) {
      if (misbehave && (fault == Fault.DROP || fault == Fault.STALL)) {
        int partial = (int) Math.min(length, faultAfterBytes);
        body.write(content, start, partial);
        body.flush();
        if (fault == Fault.STALL) {
          sleep(5_000);
        }
        // an exception from a handler makes the server drop the connection: the client sees a short
        // body
        throw new IOException("fault injected after " + partial + " bytes");
      }
      body.write(content, start, length);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
