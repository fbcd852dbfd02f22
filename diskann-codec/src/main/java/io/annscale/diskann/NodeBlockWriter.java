package io.annscale.diskann;

import io.annscale.diskann.graph.VamanaGraph;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.util.hnsw.RandomAccessVectorValues;

/**
 * Writes a field's node region: one sector at a time, each holding whole node blocks in position
 * order, zero-padded. Neighbours are written as positions, so a search never needs the
 * ordinal-to-position map.
 */
final class NodeBlockWriter {
  private final NodeBlockLayout layout;

  NodeBlockWriter(NodeBlockLayout layout) {
    this.layout = layout;
  }

  /**
   * @param ordAt the node written at each position
   * @param positionOf its inverse
   */
  void write(
      RandomAccessVectorValues values,
      VamanaGraph graph,
      int[] ordAt,
      int[] positionOf,
      IndexOutput out)
      throws IOException {
    int size = graph.size();
    int perSector = layout.nodesPerSector();
    int sectorBytes = layout.sectorsPerNode() * NodeBlockLayout.SECTOR_BYTES;
    ByteBuffer sector = ByteBuffer.allocate(sectorBytes).order(ByteOrder.LITTLE_ENDIAN);
    for (int first = 0; first < size; first += perSector) {
      Arrays.fill(sector.array(), (byte) 0);
      for (int position = first; position < Math.min(first + perSector, size); position++) {
        int ord = ordAt[position];
        sector.position((position - first) * layout.blockBytes());
        putVector(values, ord, sector);
        sector.putInt(ord);
        int[] neighbours = graph.neighbours()[ord];
        assert neighbours.length <= layout.maxDegree() : "degree " + neighbours.length;
        sector.putInt(neighbours.length);
        for (int neighbour : neighbours) {
          sector.putInt(positionOf[neighbour]);
        }
      }
      out.writeBytes(sector.array(), 0, sector.capacity());
    }
  }

  private static void putVector(RandomAccessVectorValues values, int ord, ByteBuffer into)
      throws IOException {
    if (values instanceof RandomAccessVectorValues.Floats floats) {
      for (float v : floats.vectorValue(ord)) {
        into.putFloat(v);
      }
    } else {
      into.put(((RandomAccessVectorValues.Bytes) values).vectorValue(ord));
    }
  }
}
