package autopilot.analyzer.model;

import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * {@link Contributors} while a snapshot's queries are aggregated: by user id and by query group number (ints, the
 * aggregator numbers the groups), in small parallel arrays searched from the last hit. An hour's, queue hour's or
 * pattern's queries come from a few users, so a query costs a comparison or two and no object; names are put in
 * once, when the snapshot's hours are finished.
 */
final class ContributorTally {

    private final Column users = new Column();
    private final Column groups = new Column();

    void record(int user, int group, double queueMs, double execMs) {
        record(user, group, 1, queueMs, execMs);
    }

    /** {@code queries} queries of a user and group that waited and ran this long together. */
    void record(int user, int group, long queries, double queueMs, double execMs) {
        users.record(user, queries, queueMs, execMs);
        groups.record(group, queries, queueMs, execMs);
    }

    /** The named, bounded form: the largest {@code top} of each kind by load, the rest as others. */
    Contributors resolve(int top, IntFunction<String> userName, IntFunction<String> groupName) {
        Contributors c = new Contributors(top);
        users.into(c.users, userName);
        groups.into(c.groups, groupName);
        Contributors.trim(c.users, top);
        Contributors.trim(c.groups, top);
        return c;
    }

    private static final class Column {
        private int[] ids = new int[2];
        private long[] queries = new long[2];
        private double[] queueMs = new double[2];
        private double[] execMs = new double[2];
        private int size;
        private int last;

        void record(int id, long n, double queue, double exec) {
            int i = last < size && ids[last] == id ? last : find(id);
            queries[i] += n;
            queueMs[i] += queue;
            execMs[i] += exec;
            last = i;
        }

        private int find(int id) {
            for (int i = 0; i < size; i++) {
                if (ids[i] == id) return i;
            }
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
                queries = Arrays.copyOf(queries, size * 2);
                queueMs = Arrays.copyOf(queueMs, size * 2);
                execMs = Arrays.copyOf(execMs, size * 2);
            }
            ids[size] = id;
            return size++;
        }

        void into(java.util.Map<String, Contributors.Share> shares, IntFunction<String> name) {
            for (int i = 0; i < size; i++) {
                shares.computeIfAbsent(name.apply(ids[i]), n -> new Contributors.Share())
                        .add(new Contributors.Share(queries[i], queueMs[i], execMs[i]));
            }
        }
    }
}
