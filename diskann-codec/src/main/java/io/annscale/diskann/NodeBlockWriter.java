package io.annscale.diskann;

import io.annscale.diskann.graph.VamanaGraph;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.util.hnsw.RandomAccessVectorValues;

/** Writes a field's node region: one sector at a time, each holding whole node blocks, zero-padded. */
final class NodeBlockWriter {
  private final NodeBlockLayout layout;

  NodeBlockWriter(NodeBlockLayout layout) {
    this.layout = layout;
  }

  /** Writes all nodes' blocks in ordinal order from the current (sector-aligned) position. */
  void write(RandomAccessVectorValues values, VamanaGraph graph, IndexOutput out) throws IOException {
    int size = graph.size();
    int perSector = layout.nodesPerSector();
    int sectorBytes = layout.sectorsPerNode() * NodeBlockLayout.SECTOR_BYTES;
    ByteBuffer sector = ByteBuffer.allocate(Math.max(sectorBytes, NodeBlockLayout.SECTOR_BYTES))
        .order(ByteOrder.LITTLE_ENDIAN);
    for (int first = 0; first < size; first += perSector) {
      Arrays.fill(sector.array(), (byte) 0);
      for (int ord = first; ord < Math.min(first + perSector, size); ord++) {
        sector.position((ord - first) * layout.blockBytes());
        putVector(values, ord, sector);
        int[] neighbours = graph.neighbours()[ord];
        assert neighbours.length <= layout.maxDegree() : "degree " + neighbours.length;
        sector.putInt(neighbours.length);
        for (int neighbour : neighbours) {
          sector.putInt(neighbour);
        }
      }
      out.writeBytes(sector.array(), 0, sector.capacity());
    }
  }

  private static void putVector(RandomAccessVectorValues values, int ord, ByteBuffer into) throws IOException {
    if (values instanceof RandomAccessVectorValues.Floats floats) {
      for (float v : floats.vectorValue(ord)) {
        into.putFloat(v);
      }
    } else {
      into.put(((RandomAccessVectorValues.Bytes) values).vectorValue(ord));
    }
  }
}
