package io.annscale.solr;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * Matches the documents whose unique key is one of the given terms, each with its given score: the
 * shard-side form of a collection-wide top K, so sorting, paging, faceting and field retrieval see
 * exactly those K documents with the scores the graph search gave them. Unlike a boolean query of K
 * clauses it has no clause limit.
 */
final class GlobalHitsQuery extends Query {
  /** A unique-key term in indexed form and the score its document gets. */
  record Entry(BytesRef term, float score) {}

  private final String field;
  private final List<Entry> entries;

  GlobalHitsQuery(String field, List<Entry> entries) {
    this.field = field;
    this.entries = List.copyOf(entries);
  }

  @Override
  public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
    return new Weight(this) {
      @Override
      public Scorer scorer(LeafReaderContext context) throws IOException {
        Terms terms = context.reader().terms(field);
        if (terms == null) {
          return null;
        }
        Bits live = context.reader().getLiveDocs();
        TermsEnum termsEnum = terms.iterator();
        PostingsEnum postings = null;
        int[] docs = new int[entries.size()];
        float[] scores = new float[entries.size()];
        int count = 0;
        for (Entry entry : entries) {
          if (!termsEnum.seekExact(entry.term())) {
            continue;
          }
          postings = termsEnum.postings(postings, PostingsEnum.NONE);
          for (int doc = postings.nextDoc();
              doc != DocIdSetIterator.NO_MORE_DOCS;
              doc = postings.nextDoc()) {
            if (live == null || live.get(doc)) {
              docs[count] = doc;
              scores[count++] = entry.score() * boost;
            }
          }
        }
        return count == 0 ? null : new HitsScorer(this, sortByDoc(docs, scores, count));
      }

      @Override
      public Explanation explain(LeafReaderContext context, int doc) throws IOException {
        Scorer scorer = scorer(context);
        if (scorer != null && scorer.iterator().advance(doc) == doc) {
          return Explanation.match(
              scorer.score(), "one of the collection's top " + entries.size() + " by vector score");
        }
        return Explanation.noMatch("not one of the collection's top " + entries.size());
      }

      @Override
      public boolean isCacheable(LeafReaderContext ctx) {
        return true;
      }
    };
  }

  /** Documents and scores of a leaf, sorted by document. */
  private record LeafHits(int[] docs, float[] scores) {}

  private static LeafHits sortByDoc(int[] docs, float[] scores, int count) {
    Integer[] order = new Integer[count];
    for (int i = 0; i < count; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Integer.compare(docs[a], docs[b]));
    int[] sortedDocs = new int[count];
    float[] sortedScores = new float[count];
    for (int i = 0; i < count; i++) {
      sortedDocs[i] = docs[order[i]];
      sortedScores[i] = scores[order[i]];
    }
    return new LeafHits(sortedDocs, sortedScores);
  }

  private static final class HitsScorer extends Scorer {
    private final LeafHits hits;
    private final float maxScore;
    private int index = -1;

    HitsScorer(Weight weight, LeafHits hits) {
      super(weight);
      this.hits = hits;
      float max = Float.NEGATIVE_INFINITY;
      for (float score : hits.scores()) {
        max = Math.max(max, score);
      }
      this.maxScore = max;
    }

    @Override
    public int docID() {
      return index < 0
          ? -1
          : index >= hits.docs().length ? DocIdSetIterator.NO_MORE_DOCS : hits.docs()[index];
    }

    @Override
    public float score() {
      return hits.scores()[index];
    }

    @Override
    public float getMaxScore(int upTo) {
      return maxScore;
    }

    @Override
    public DocIdSetIterator iterator() {
      return new DocIdSetIterator() {
        @Override
        public int docID() {
          return HitsScorer.this.docID();
        }

        @Override
        public int nextDoc() {
          index++;
          return docID();
        }

        @Override
        public int advance(int target) {
          while (nextDoc() < target) {
            // linear: at most K documents per leaf
          }
          return docID();
        }

        @Override
        public long cost() {
          return hits.docs().length;
        }
      };
    }
  }

  @Override
  public void visit(QueryVisitor visitor) {
    if (visitor.acceptField(field)) {
      visitor.visitLeaf(this);
    }
  }

  @Override
  public String toString(String defaultField) {
    return "GlobalHitsQuery(" + field + ", " + entries.size() + " hits)";
  }

  @Override
  public boolean equals(Object other) {
    return sameClassAs(other)
        && field.equals(((GlobalHitsQuery) other).field)
        && entries.equals(((GlobalHitsQuery) other).entries);
  }

  @Override
  public int hashCode() {
    return Objects.hash(classHash(), field, entries);
  }
}
