package io.annscale.codec.hnswpq;

import io.annscale.codec.pq.ResidualAdcQuery;
import java.io.IOException;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.util.Accountable;
import org.apache.lucene.util.RamUsageEstimator;

/**
 * A field's trained codebooks and every vector's PQ record on heap, in ordinal order ({@link
 * PqFieldEncoder#encodeOnHeap}), written out later in the order the writer chooses. Heap: {@link
 * PqFieldEntry#recordBytes()} per vector.
 */
public final class HeapPqRecords implements Accountable {
  /** The entry with its codebooks; its offset and length are set when the records are written. */
  private final PqFieldEntry trained;

  private final byte[] records;

  HeapPqRecords(PqFieldEntry trained, byte[] records) {
    this.trained = trained;
    this.records = records;
  }

  /** The codebooks and parameters, before the records are written: no offset, no length. */
  public PqFieldEntry trained() {
    return trained;
  }

  /** Record {@code ord} at byte {@code ord x recordBytes}; read-only. */
  public byte[] records() {
    return records;
  }

  /** The coarse centroid of record {@code ord}; the records must have a quantizer. */
  public int coarseId(int ord) {
    return ResidualAdcQuery.coarseId(
        records,
        ord * trained.recordBytes(),
        trained.codeBytes(),
        trained.quantizer().coarseCount());
  }

  /**
   * Writes record {@code ordAt[i]} as the {@code i}-th at the current position of {@code data} and
   * returns the field's entry pointing at them.
   */
  public PqFieldEntry write(IndexOutput data, int[] ordAt) throws IOException {
    long offset = data.getFilePointer();
    if (trained.quantizer() != null) {
      int recordBytes = trained.recordBytes();
      for (int ord : ordAt) {
        data.writeBytes(records, ord * recordBytes, recordBytes);
      }
    }
    return trained.withCodes(offset, data.getFilePointer() - offset);
  }

  @Override
  public long ramBytesUsed() {
    return RamUsageEstimator.sizeOf(records);
  }
}
