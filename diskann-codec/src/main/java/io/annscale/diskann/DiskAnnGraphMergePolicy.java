package io.annscale.diskann;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.FilterMergePolicy;
import org.apache.lucene.index.MergePolicy;
import org.apache.lucene.index.MergeTrigger;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;

/**
 * Gives every large flushed DiskANN segment its graph on a merge thread. A flush writes no graph
 * (an indexing thread must not wait minutes on one) and marks a segment of at least {@link
 * DiskAnnParameters#graphThreshold} vectors {@link #GRAPH_PENDING}; this policy adds a merge of
 * that segment alone to whatever the wrapped policy chose, natural or forced, unless the segment is
 * merging already. The singleton merge rewrites it with a graph; until then it is searched exactly.
 * Without this policy a large flushed segment waits for the wrapped policy to merge it with
 * segments of its size, which a {@code TieredMergePolicy} may not do for a long time.
 *
 * <p>Wrap the index's merge policy with it: {@code config.setMergePolicy(new
 * DiskAnnGraphMergePolicy(new TieredMergePolicy()))}; in Solr, {@code
 * io.annscale.solr.DiskAnnGraphMergePolicyFactory}.
 */
public final class DiskAnnGraphMergePolicy extends FilterMergePolicy {
  /** Segment attribute of a flushed segment whose vectors await their graph. */
  public static final String GRAPH_PENDING = "annscale.diskann.graphPending";

  public DiskAnnGraphMergePolicy(MergePolicy in) {
    super(in);
  }

  /** Whether the segment was flushed without the graph its size calls for. */
  public static boolean graphPending(SegmentCommitInfo segment) {
    return "true".equals(segment.info.getAttribute(GRAPH_PENDING));
  }

  @Override
  public MergeSpecification findMerges(
      MergeTrigger trigger, SegmentInfos infos, MergeContext context) throws IOException {
    return withGraphMerges(in.findMerges(trigger, infos, context), infos, context);
  }

  @Override
  public MergeSpecification findForcedMerges(
      SegmentInfos infos,
      int maxSegmentCount,
      Map<SegmentCommitInfo, Boolean> segmentsToMerge,
      MergeContext context)
      throws IOException {
    return withGraphMerges(
        in.findForcedMerges(infos, maxSegmentCount, segmentsToMerge, context), infos, context);
  }

  private static MergeSpecification withGraphMerges(
      MergeSpecification chosen, SegmentInfos infos, MergeContext context) {
    Set<SegmentCommitInfo> taken = new HashSet<>(context.getMergingSegments());
    if (chosen != null) {
      for (OneMerge merge : chosen.merges) {
        taken.addAll(merge.segments);
      }
    }
    MergeSpecification spec = chosen;
    for (SegmentCommitInfo segment : infos) {
      if (graphPending(segment) && !taken.contains(segment)) {
        if (spec == null) {
          spec = new MergeSpecification();
        }
        spec.add(new OneMerge(List.of(segment)));
      }
    }
    return spec;
  }
}
