package autopilot.analyzer.engine;

import autopilot.analyzer.model.Workload;
import autopilot.analyzer.model.WorkloadAggregator;
import autopilot.analyzer.snapshot.PartReader;
import autopilot.analyzer.snapshot.SnapshotData;
import autopilot.analyzer.snapshot.SourceRows;
import autopilot.events.SnapshotPartCollected;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a snapshot's stored parts for its analysis, the workload parts straight into a
 * {@link WorkloadAggregator}: no workload row outlives its part. Holding a day of queries, scans
 * and compilations until every part was read made most of the analysis' garbage-collection work
 * (they were copied from one young generation to the next while the rest was read). Parts of the
 * other sources (tables, columns, advice) are kept for the rules, as {@link SnapshotData#of} keeps them.
 *
 * <p>Parts are best given queries first, each source in part order (the ledger reads them so):
 * a part that comes before its turn (a joined part before every query part, a part before the
 * one preceding it) waits, whole, until then.
 *
 * @param snapshot the snapshot, its workload sources present but without their rows
 * @param workload the workload hours, counted after {@code countedUpTo}
 */
public record SnapshotParts(SnapshotData snapshot, Pipeline.Aggregated workload) {

    /**
     * @param bodies      the JSON of each part's event
     * @param mapper      the event codec's mapper ({@link PartReader})
     * @param countedUpTo queries that ended up to this time are already counted (null: none); the
     *                    prior state the analysis runs with must say the same
     * @throws IllegalArgumentException when a body is not a snapshot part, or parts of different snapshots are mixed
     */
    public static SnapshotParts read(String clusterId, Iterable<String> bodies, ObjectMapper mapper, Instant countedUpTo) {
        PartReader reader = new PartReader(mapper, WorkloadAggregator.SOURCES);
        Feed feed = new Feed(new WorkloadAggregator(countedUpTo));
        List<SnapshotPartCollected> headers = new ArrayList<>();
        for (String body : bodies) {
            SnapshotPartCollected part = reader.read(body);
            if (WorkloadAggregator.SOURCES.contains(part.source())) {
                headers.add(withoutRows(part));
                feed.offer(part);
            } else {
                headers.add(part);
            }
        }
        feed.rest();
        if (headers.isEmpty()) throw new IllegalArgumentException("a snapshot needs at least one part");
        SnapshotData snapshot = SnapshotData.of(clusterId, headers, WorkloadAggregator.SOURCES);
        Map<Instant, Workload> hours = feed.aggregator.finish(snapshot.collectedAt());
        return new SnapshotParts(snapshot, new Pipeline.Aggregated(snapshot.hasWorkload() ? hours : Map.of(), countedUpTo));
    }

    /**
     * Hands workload parts to the aggregator as {@link SnapshotData#of} orders them, whatever order
     * they come in: each source's parts in part order (the first values kept of a capped sample
     * depend on it), each once, and the joined sources only after every part of queries. In the
     * ledger's order nothing waits.
     */
    private static final class Feed {
        private final WorkloadAggregator aggregator;
        private final Map<String, Integer> next = new HashMap<>();
        private final Map<String, TreeMap<Integer, SourceRows>> early = new HashMap<>();
        private final List<SourceRows> joinedWaiting = new ArrayList<>();
        private int queryParts = -1;

        Feed(WorkloadAggregator aggregator) {
            this.aggregator = aggregator;
        }

        void offer(SnapshotPartCollected part) {
            String source = part.source();
            int expected = next.getOrDefault(source, 1);
            TreeMap<Integer, SourceRows> waiting = early.computeIfAbsent(source, s -> new TreeMap<>());
            if (part.partNumber() < expected || waiting.containsKey(part.partNumber())) return; // delivered before
            if (source.equals(SnapshotData.QUERIES)) queryParts = part.partCount();
            waiting.put(part.partNumber(), SourceRows.of(part));
            while (!waiting.isEmpty() && waiting.firstKey() == expected) {
                take(source, waiting.pollFirstEntry().getValue());
                expected++;
            }
            next.put(source, expected);
            if (source.equals(SnapshotData.QUERIES) && expected > queryParts) {
                joinedWaiting.forEach(aggregator::accept);
                joinedWaiting.clear();
            }
        }

        private void take(String source, SourceRows rows) {
            if (source.equals(SnapshotData.QUERIES)) {
                aggregator.expectQueries(rows.size() * queryParts); // sizes its tables on the first part only
                aggregator.accept(rows);
            } else if (WorkloadAggregator.JOINED.contains(source) && (queryParts < 0 || next.getOrDefault(SnapshotData.QUERIES, 1) <= queryParts)) {
                joinedWaiting.add(rows);
            } else {
                aggregator.accept(rows);
            }
        }

        /** What still waits once every part was read (a part missing before it): queries first, each source in part order. */
        void rest() {
            TreeMap<Integer, SourceRows> queries = early.remove(SnapshotData.QUERIES);
            if (queries != null) queries.values().forEach(aggregator::accept);
            joinedWaiting.forEach(aggregator::accept);
            early.values().forEach(waiting -> waiting.values().forEach(aggregator::accept));
        }
    }

    private static SnapshotPartCollected withoutRows(SnapshotPartCollected p) {
        return new SnapshotPartCollected(p.snapshotId(), p.source(), p.clusterKind(), p.partNumber(), p.partCount(), p.watermarkFrom(),
                p.watermarkTo(), p.collectedAt(), p.columns(), List.of(), p.snapshotSources());
    }
}
