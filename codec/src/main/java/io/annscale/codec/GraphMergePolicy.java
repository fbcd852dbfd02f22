package io.annscale.codec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.FilterMergePolicy;
import org.apache.lucene.index.MergePolicy;
import org.apache.lucene.index.MergeTrigger;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfo;
import org.apache.lucene.index.SegmentInfos;

/**
 * Gets vectors that have no graph into segments that have one, on merge threads. annscale's formats
 * write no graph at flush (an indexing thread must not wait on one) nor at a merge below their
 * graph threshold ({@code DiskAnnParameters.graphThreshold}, {@code
 * PqHnswVectorsFormat#graphThreshold()}); such a segment is searched exactly and carries its vector
 * count ({@link #WITHOUT_GRAPH}) and the threshold ({@link #GRAPH_THRESHOLD}) as segment
 * attributes. To whatever the wrapped policy chose, natural or forced, this policy adds, among the
 * segments not merging already:
 *
 * <ul>
 *   <li>a merge of each segment at or over the threshold on its own (a large flush), which rewrites
 *       it with its graph;
 *   <li>merges of smaller segments without a graph, together until they reach the threshold (the
 *       small flushes of near-real-time commits), so that they become a segment with a graph
 *       instead of piling up as exact scans, which a {@code TieredMergePolicy} leaves alone while
 *       they are few and small.
 * </ul>
 *
 * <p>Wrap the index's merge policy with it: {@code config.setMergePolicy(new GraphMergePolicy(new
 * TieredMergePolicy()))}; in Solr, {@code io.annscale.solr.GraphMergePolicyFactory}.
 */
public final class GraphMergePolicy extends FilterMergePolicy {
  /** Segment attribute: the most vectors of an annscale field without a graph there. */
  public static final String WITHOUT_GRAPH = "annscale.vectorsWithoutGraph";

  /** Segment attribute: the graph threshold of the format that wrote {@link #WITHOUT_GRAPH}. */
  public static final String GRAPH_THRESHOLD = "annscale.graphThreshold";

  /**
   * The attributes' names when only DiskANN wrote segments without graphs; still read, so that such
   * segments of an existing index get their graphs.
   */
  private static final String LEGACY_PREFIX = "annscale.diskann.";

  public GraphMergePolicy(MergePolicy in) {
    super(in);
  }

  /**
   * Marks {@code segment} as holding {@code vectors} without a graph (the most of any of its
   * fields, so a segment's other fields may raise it) and the format's threshold from which a merge
   * builds one. Called by a format's writer at flush or at a merge below its threshold.
   */
  public static void markWithoutGraph(SegmentInfo segment, int vectors, int graphThreshold) {
    if (vectors == 0) {
      return;
    }
    String previous = segment.getAttribute(WITHOUT_GRAPH);
    if (previous == null || Integer.parseInt(previous) < vectors) {
      segment.putAttribute(WITHOUT_GRAPH, Integer.toString(vectors));
      segment.putAttribute(GRAPH_THRESHOLD, Integer.toString(graphThreshold));
    }
  }

  /** Vectors of the segment's largest DiskANN field without a graph; 0 when every field has one. */
  public static int vectorsWithoutGraph(SegmentCommitInfo segment) {
    return attribute(segment, WITHOUT_GRAPH);
  }

  /** Whether the segment is large enough for a graph and has none: a large flush's. */
  public static boolean graphPending(SegmentCommitInfo segment) {
    int vectors = vectorsWithoutGraph(segment);
    return vectors > 0 && vectors >= attribute(segment, GRAPH_THRESHOLD);
  }

  private static int attribute(SegmentCommitInfo segment, String key) {
    String value = segment.info.getAttribute(key);
    if (value == null) {
      value = segment.info.getAttribute(LEGACY_PREFIX + key.substring("annscale.".length()));
    }
    if (value == null) {
      return 0;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      // not ours to fail a merge over: treat the segment as one with a graph
      return 0;
    }
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

  /**
   * Whether this policy would still merge some of {@code infos} for their graphs, none of them
   * merging: for a caller waiting until a collection's merges have settled.
   */
  public static boolean graphMergesOwed(SegmentInfos infos) {
    return !graphMerges(infos, Set.of()).isEmpty();
  }

  private static MergeSpecification withGraphMerges(
      MergeSpecification chosen, SegmentInfos infos, MergeContext context) {
    Set<SegmentCommitInfo> taken = new HashSet<>(context.getMergingSegments());
    if (chosen != null) {
      for (OneMerge merge : chosen.merges) {
        taken.addAll(merge.segments);
      }
    }
    List<OneMerge> added = graphMerges(infos, taken);
    if (added.isEmpty()) {
      return chosen;
    }
    MergeSpecification spec = chosen == null ? new MergeSpecification() : chosen;
    added.forEach(spec::add);
    return spec;
  }

  /** The merges that give graphs to segments without one, among those not {@code taken}. */
  private static List<OneMerge> graphMerges(SegmentInfos infos, Set<SegmentCommitInfo> taken) {
    List<OneMerge> added = new ArrayList<>();
    List<SegmentCommitInfo> small = new ArrayList<>();
    for (SegmentCommitInfo segment : infos) {
      if (taken.contains(segment) || vectorsWithoutGraph(segment) == 0) {
        continue;
      }
      if (graphPending(segment)) {
        added.add(new OneMerge(List.of(segment)));
      } else {
        small.add(segment);
      }
    }
    added.addAll(groupsReachingTheThreshold(small));
    return added;
  }

  /**
   * Largest first, segments taken together until their vectors reach the threshold; a remainder
   * below it waits for more flushes. A group is never a single segment, so none is merged alone
   * again and again.
   */
  private static List<OneMerge> groupsReachingTheThreshold(List<SegmentCommitInfo> small) {
    small.sort(Comparator.comparingInt(GraphMergePolicy::vectorsWithoutGraph).reversed());
    List<OneMerge> merges = new ArrayList<>();
    List<SegmentCommitInfo> group = new ArrayList<>();
    long vectors = 0;
    for (SegmentCommitInfo segment : small) {
      group.add(segment);
      vectors += vectorsWithoutGraph(segment);
      if (group.size() > 1 && vectors >= attribute(segment, GRAPH_THRESHOLD)) {
        merges.add(new OneMerge(List.copyOf(group)));
        group.clear();
        vectors = 0;
      }
    }
    return merges;
  }
}
