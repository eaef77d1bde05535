package autopilot.analyzer.model;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the cluster's queries did over a period, aggregated: per WLM queue and hour, per query
 * pattern and per table. Aggregates of different hours add up ({@link #add}), so the analyzer
 * stores one per hour and looks at any window without keeping every query. Built by
 * {@link WorkloadAggregator}; read by the workload rules.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public final class Workload {

    /** Queries seen. */
    public long queries;
    /** Queries that ran at least one disk-based step. */
    public long diskBasedQueries;
    /** Queue waits of every query, all queues. */
    public Waits waits = new Waits();
    /** Per queue and hour, keyed {@code serviceClass|hour}. */
    public Map<String, QueueHour> queueHours = new TreeMap<>();
    /** Per normalised query text, keyed by its hash. */
    public Map<String, Pattern> patterns = new LinkedHashMap<>();
    /** Per table id. */
    public Map<Long, TableUsage> tables = new TreeMap<>();
    /** Latest query end seen. */
    public Instant lastQueryEnd;
    /**
     * The WLM queues (STV_WLM_SERVICE_CLASS_CONFIG) by service class as last collected; empty on
     * Serverless, which has no queues. Not an aggregate: a later configuration replaces an older one.
     */
    public Map<Integer, QueueConfig> wlmQueues = new TreeMap<>();
    /** When {@link #wlmQueues} was collected. */
    public Instant wlmConfigAt;
    /** Commits (STL_COMMIT_STATS, leader node; provisioned only) by hour of their end: rules judge the worst hour. */
    public Map<Instant, CommitHour> commitHours = new TreeMap<>();
    /** What query monitoring rules did (STL_WLM_RULE_ACTION), keyed {@code serviceClass|rule|action}. */
    public Map<String, QmrAction> qmrActions = new TreeMap<>();
    /** Serializable isolation conflicts (STL_TR_CONFLICT) by table id. */
    public Map<Long, Conflicts> conflicts = new TreeMap<>();
    /** Minutes a user query was executing, by hour: 60-bit masks merged by OR ({@link BusyMinutes}), for the idle share. */
    public Map<Instant, Long> busyMinutes = new TreeMap<>();
    /** Who ran the queries, by user and query group (the largest {@link #HOUR_CONTRIBUTORS}); null before issue 20. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public Contributors contributors;
    @com.fasterxml.jackson.annotation.JsonIgnore
    transient ContributorTally tally;

    /** Users and query groups kept by name per hour (the workload view's rows), per queue hour and per pattern. */
    public static final int HOUR_CONTRIBUTORS = 20;
    public static final int QUEUE_CONTRIBUTORS = 10;
    public static final int PATTERN_CONTRIBUTORS = 3;

    /** {@code mine} with {@code other}'s added: a copy when {@code mine} is null, never {@code other} itself. */
    static Contributors merged(Contributors mine, Contributors other) {
        if (other == null) return mine;
        return mine == null ? other.copy() : mine.add(other);
    }

    /**
     * Adds another period's figures to these. Never keeps a reference to the other period's parts,
     * so adding hours into a window leaves the stored hours as they were.
     */
    public Workload add(Workload other) {
        queries += other.queries;
        diskBasedQueries += other.diskBasedQueries;
        waits.add(other.waits);
        other.queueHours.forEach((k, v) -> queueHours.computeIfAbsent(k, x -> QueueHour.empty(v)).add(v));
        other.patterns.forEach((k, v) -> patterns.computeIfAbsent(k, x -> Pattern.empty(v)).add(v));
        other.tables.forEach((k, v) -> tables.computeIfAbsent(k, x -> TableUsage.empty(v)).add(v));
        if (other.lastQueryEnd != null && (lastQueryEnd == null || other.lastQueryEnd.isAfter(lastQueryEnd))) {
            lastQueryEnd = other.lastQueryEnd;
        }
        if (other.wlmConfigAt != null && (wlmConfigAt == null || other.wlmConfigAt.isAfter(wlmConfigAt))) {
            wlmConfigAt = other.wlmConfigAt;
            wlmQueues = new TreeMap<>(other.wlmQueues);
        }
        other.commitHours.forEach((k, v) -> commitHours.computeIfAbsent(k, x -> new CommitHour()).add(v));
        other.qmrActions.forEach((k, v) -> qmrActions.computeIfAbsent(k, x -> QmrAction.empty(v)).add(v));
        other.conflicts.forEach((k, v) -> conflicts.computeIfAbsent(k, x -> new Conflicts()).add(v));
        other.busyMinutes.forEach((k, v) -> busyMinutes.merge(k, v, (a, b) -> a | b));
        contributors = merged(contributors, other.contributors);
        return this;
    }

    /**
     * The sum of several periods, for reading only: an entry (queue hour, pattern, table) that only
     * one period has is that period's own object, not a copy; entries several periods share are
     * merged into new objects. Rules read windows and never change them, and copying every entry
     * of a day of hours cost as much as aggregating them.
     */
    public static Workload sumForReading(java.util.Collection<Workload> periods) {
        Workload sum = new Workload();
        // The merged copies; everything else in the sum is a period's own entry. (Far fewer than the
        // borrowed entries: remembering every entry of every hour cost more than the merging.)
        java.util.Set<Object> owned = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        // Tables merge in a hash map, put into the sorted one at the end: not a tree descent for every table of every hour.
        Map<Long, TableUsage> tables = new java.util.HashMap<>();
        for (Workload other : periods) {
            sum.queries += other.queries;
            sum.diskBasedQueries += other.diskBasedQueries;
            sum.waits.add(other.waits);
            other.queueHours.forEach((k, v) -> sum.queueHours.merge(k, v, (a, b) -> own(a, owned, QueueHour::empty, QueueHour::add).add(b)));
            other.patterns.forEach((k, v) -> sum.patterns.merge(k, v, (a, b) -> own(a, owned, Pattern::empty, Pattern::add).add(b)));
            other.tables.forEach((k, v) -> tables.merge(k, v, (a, b) -> own(a, owned, TableUsage::empty, TableUsage::add).add(b)));
            if (other.lastQueryEnd != null && (sum.lastQueryEnd == null || other.lastQueryEnd.isAfter(sum.lastQueryEnd))) {
                sum.lastQueryEnd = other.lastQueryEnd;
            }
            if (other.wlmConfigAt != null && (sum.wlmConfigAt == null || other.wlmConfigAt.isAfter(sum.wlmConfigAt))) {
                sum.wlmConfigAt = other.wlmConfigAt;
                sum.wlmQueues = new TreeMap<>(other.wlmQueues);
            }
            other.commitHours.forEach((k, v) -> sum.commitHours.merge(k, v, (a, b) -> own(a, owned, x -> new CommitHour(), CommitHour::add).add(b)));
            other.qmrActions.forEach((k, v) -> sum.qmrActions.merge(k, v, (a, b) -> own(a, owned, QmrAction::empty, QmrAction::add).add(b)));
            other.conflicts.forEach((k, v) -> sum.conflicts.merge(k, v, (a, b) -> own(a, owned, x -> new Conflicts(), Conflicts::add).add(b)));
            other.busyMinutes.forEach((k, v) -> sum.busyMinutes.merge(k, v, (a, b) -> a | b));
            sum.contributors = merged(sum.contributors, other.contributors);
        }
        sum.tables.putAll(tables);
        return sum;
    }

    /** The entry itself if the sum owns it, else a copy the sum owns from now on. */
    private static <T> T own(T entry, java.util.Set<Object> owned, java.util.function.UnaryOperator<T> empty,
                             java.util.function.BinaryOperator<T> add) {
        if (owned.contains(entry)) return entry;
        T copy = add.apply(empty.apply(entry), entry);
        owned.add(copy);
        return copy;
    }

    /**
     * One WLM queue's configuration.
     *
     * @param slots              num_query_tasks: concurrency (slots); -1 under automatic WLM
     * @param workingMemMb       query_working_mem per slot in MB; -1 under automatic WLM
     * @param maxExecutionTimeMs max_execution_time (WLM timeout) in ms; 0 when none
     * @param concurrencyScaling {@code auto} or {@code off}
     */
    public record QueueConfig(int serviceClass, String name, Integer slots, Integer workingMemMb, Long maxExecutionTimeMs,
                              String concurrencyScaling, String priority) {

        /** Automatic WLM shows -1 for slots and memory: Redshift sizes both per query. */
        public boolean automatic() {
            return (slots != null && slots < 0) || (workingMemMb != null && workingMemMb < 0);
        }

        public boolean concurrencyScalingOn() {
            return concurrencyScaling != null && concurrencyScaling.equalsIgnoreCase("auto");
        }
    }

    /**
     * Execution time under which a query counts as short: what short query acceleration is for (Redshift's SQA
     * runs queries it predicts to take seconds; 5 s is the middle of its 1-20 s range of maximum run time).
     */
    public static final double SHORT_QUERY_MS = 5_000;

    /**
     * One action of one query monitoring rule on one queue (STL_WLM_RULE_ACTION rows with the same
     * service class, rule and action). The samples are capped and kept by value (lowest users,
     * newest query ids and times), so adding periods in any order gives the same entry.
     */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    public static final class QmrAction {
        /** Users and query ids kept as samples. */
        public static final int SAMPLES = 5;
        /**
         * Times kept of the newest actions: enough to count an hour's actions up to this many, which bounds the
         * page threshold of aborts per hour (checked at start-up).
         */
        public static final int RECENT = 100;
        public int serviceClass;
        public String queue;
        public String rule;
        /** log, hop(reassign), hop(restart), abort, change_query_priority or none. */
        public String action;
        public long count;
        public java.util.TreeSet<Long> users = new java.util.TreeSet<>();
        public java.util.TreeSet<Long> queries = new java.util.TreeSet<>();
        /** The newest {@link #RECENT} action times, oldest first. */
        public java.util.List<Instant> recent = new java.util.ArrayList<>();

        static QmrAction empty(QmrAction like) {
            QmrAction a = new QmrAction();
            a.serviceClass = like.serviceClass;
            a.rule = like.rule;
            a.action = like.action;
            return a;
        }

        /** One more action, on a query of a user at a time. */
        void record(long query, Long user, Instant at) {
            count++;
            if (user != null) users.add(user);
            queries.add(query);
            recent.add(at);
            trim();
        }

        QmrAction add(QmrAction other) {
            count += other.count;
            if (queue == null) queue = other.queue;
            users.addAll(other.users);
            queries.addAll(other.queries);
            recent.addAll(other.recent);
            trim();
            return this;
        }

        private void trim() {
            while (users.size() > SAMPLES) users.pollLast();
            while (queries.size() > SAMPLES) queries.pollFirst();
            if (recent.size() > 1) recent.sort(null);
            if (recent.size() > RECENT) recent.subList(0, recent.size() - RECENT).clear();
        }

        /** Actions at or after {@code since} (counted up to {@link #RECENT}). */
        public long since(Instant since) {
            return recent.stream().filter(t -> !t.isBefore(since)).count();
        }

        /** The newest action. */
        public Instant last() {
            return recent.isEmpty() ? null : recent.get(recent.size() - 1);
        }
    }

    /** The commits of one hour. */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    public static final class CommitHour {
        public long commits;
        /** Waits in the commit queue (startwork - startqueue), ms. */
        public Waits waits = new Waits();
        /** Longest commit queue (queuelen: transactions ahead) a commit saw. */
        public long queueMax;

        void record(double waitMs, long queueLength) {
            commits++;
            waits.record(waitMs);
            queueMax = Math.max(queueMax, queueLength);
        }

        CommitHour add(CommitHour other) {
            commits += other.commits;
            waits.add(other.waits);
            queueMax = Math.max(queueMax, other.queueMax);
            return this;
        }
    }

    /** Serializable isolation conflicts on one table. */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    public static final class Conflicts {
        public long count;
        public Instant last;

        void record(Instant at) {
            count++;
            if (at != null && (last == null || at.isAfter(last))) last = at;
        }

        Conflicts add(Conflicts other) {
            count += other.count;
            if (other.last != null && (last == null || other.last.isAfter(last))) last = other.last;
            return this;
        }
    }

    /** One WLM queue (service class) in one hour. */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    public static final class QueueHour {
        public int serviceClass;
        public String name;
        public Instant hour;
        public long queries;
        /** Queries that waited in the queue at all. */
        public long queued;
        public double queueMsTotal;
        public double execMsTotal;
        public Waits waits = new Waits();
        /** Execution times: a wide spread means short and long work share the queue. */
        public Waits execs = new Waits();
        /**
         * Most slots in use at once (execution intervals of the hour's queries overlapping, weighted by slot_count,
         * and what STV_WLM_QUERY_STATE showed running at collection): a lower bound, since a query still running
         * when a snapshot was taken and not caught running is only seen in the next one.
         */
        public int peakSlots;
        /** Queries that ran at least one disk-based step. */
        public long diskBased;
        /** Queries under {@link #SHORT_QUERY_MS}, and those of them that waited longer than they ran, with that wait. */
        public long shortQueries;
        public long shortWaited;
        public double shortWaitMsTotal;
        /** Who ran the queue's queries and how long they waited (the largest {@link #QUEUE_CONTRIBUTORS}); null before issue 20. */
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        public Contributors contributors;
        @com.fasterxml.jackson.annotation.JsonIgnore
        transient ContributorTally tally;

        static QueueHour empty(QueueHour like) {
            QueueHour q = new QueueHour();
            q.serviceClass = like.serviceClass;
            q.hour = like.hour;
            return q;
        }

        QueueHour add(QueueHour other) {
            queries += other.queries;
            queued += other.queued;
            queueMsTotal += other.queueMsTotal;
            execMsTotal += other.execMsTotal;
            waits.add(other.waits);
            execs.add(other.execs);
            peakSlots = Math.max(peakSlots, other.peakSlots);
            diskBased += other.diskBased;
            shortQueries += other.shortQueries;
            shortWaited += other.shortWaited;
            shortWaitMsTotal += other.shortWaitMsTotal;
            contributors = merged(contributors, other.contributors);
            if (name == null) name = other.name;
            return this;
        }

        /** Several hours of one queue added up into a new object; the hours are left as they were. */
        public static QueueHour sum(java.util.Collection<QueueHour> hours) {
            QueueHour sum = new QueueHour();
            for (QueueHour h : hours) {
                if (sum.hour == null) {
                    sum.serviceClass = h.serviceClass;
                    sum.hour = h.hour;
                }
                sum.add(h);
            }
            return sum;
        }

        /** Share of this queue's time its queries spent waiting, 0-100. */
        public double queueTimeSharePct() {
            double total = queueMsTotal + execMsTotal;
            return total == 0 ? 0 : 100 * queueMsTotal / total;
        }
    }

    /** Queries with the same normalised text. */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    public static final class Pattern {
        public String hash;
        /** The first query's text, cut short: for people, never for matching. */
        public String sample;
        public long queries;
        public long aborted;
        public double execMsTotal;
        public double queueMsTotal;
        public double compileMsTotal;
        /** Queries whose compilation took more than half of their execution time. */
        public long compileDominated;
        public long diskBasedQueries;
        public long diskSteps;
        public double diskBytes;
        /** Optimizer alert name -> queries of this pattern that raised it. */
        public Map<String, Long> alerts = none();
        /** Table ids an alert of this pattern concerned (scans of its queries), by alert name. */
        // Sets read back sorted, as they are built (here, joins, filters): JSON would give hash sets, so a stored hour
        // iterated and re-wrote them in another order than the snapshot that made it.
        @com.fasterxml.jackson.databind.annotation.JsonDeserialize(contentAs = java.util.TreeSet.class)
        public Map<String, java.util.Set<Long>> alertTables = none();
        /** Alert name -> the full event text Redshift logged (first seen). */
        public Map<String, String> alertEvents = none();
        /** Alert name -> Redshift's suggested solution (first seen); provisioned only. */
        public Map<String, String> alertSolutions = none();
        /** Operation of a disk-based step (hjoin, aggr, sort, ...) -> steps of this pattern that spilled. */
        public Map<String, Long> diskStepLabels = none();
        /** The text filters with LIKE / SIMILAR TO on a pattern starting with a wildcard. */
        public boolean wildcard;
        /** The text uses DISTINCT (which AQUA cannot push down). */
        public boolean distinct;
        public Instant lastSeen;
        /** The first query's full text while its snapshot is aggregated, for {@link PatternShapes}; never stored. */
        @com.fasterxml.jackson.annotation.JsonIgnore
        transient String text;
        /** Equality joins of the text ({@link PatternShapes} form); null when none are known. */
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        @com.fasterxml.jackson.databind.annotation.JsonDeserialize(as = java.util.TreeSet.class)
        public java.util.Set<String> joins;
        /** Filtered columns and how ({@link PatternShapes} form); null when none are known. */
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        @com.fasterxml.jackson.databind.annotation.JsonDeserialize(as = java.util.TreeSet.class)
        public java.util.Set<String> filters;
        /** The table the statement writes and how, e.g. {@code INSERT public.clickstream}; null for queries. */
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        public String writes;
        /** Rows the queries redistributed between slices (SVL_QUERY_SUMMARY dist steps). */
        public double distRows;
        /** Rows the queries broadcast to every slice (SVL_QUERY_SUMMARY bcast steps). */
        public double bcastRows;
        /** Rows the queries' scans returned per table id (after filters); kept only for patterns that join. */
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        public Map<Long, Double> scanRows;
        /**
         * Execution times as counts in {@link #SPREAD_BUCKETS} powers of two of a millisecond (bucket i: from 2^i up to
         * 2^(i+1) ms; the last, from about 24.8 days, open), for a pattern's p99: a {@link Waits} histogram per pattern
         * and hour would take kilobytes each, this about 130 bytes. Null until a query is recorded.
         */
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        public int[] execSpread;
        /**
         * The one user and query group that ran all of the pattern's queries, as most patterns are run: then the pattern's
         * own totals are theirs and no {@link #contributors} are kept (a day of pattern hours is most of the stored workload).
         * Null when several ran it, and before issue 20.
         */
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        public String user;
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        public String group;
        /** Who ran the pattern's queries when several did (the largest {@link #PATTERN_CONTRIBUTORS}); else null, see {@link #user}. */
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        public Contributors contributors;
        @com.fasterxml.jackson.annotation.JsonIgnore
        transient ContributorTally tally;
        /**
         * While aggregating, the one user and query group all of this pattern's queries came from so far ({@link #NOBODY}
         * before the first): most patterns have one, and then their totals are that contributor's, so no tally is made.
         */
        @com.fasterxml.jackson.annotation.JsonIgnore
        transient int soleUser = NOBODY;
        @com.fasterxml.jackson.annotation.JsonIgnore
        transient int soleGroup;
        static final int NOBODY = Integer.MIN_VALUE;

        /** One more query of this pattern, before its figures are added: a tally only once a second user or group shows up. */
        void recordContributor(int user, int group, double queueMs, double execMs) {
            if (tally == null) {
                if (soleUser == NOBODY) {
                    soleUser = user;
                    soleGroup = group;
                    return;
                }
                if (soleUser == user && soleGroup == group) return;
                tally = new ContributorTally();
                tally.record(soleUser, soleGroup, queries, queueMsTotal, execMsTotal);
            }
            tally.record(user, group, 1, queueMs, execMs);
        }

        /** Names who ran the pattern once its snapshot is aggregated: the tally's contributors, or the one user and group. */
        void name(java.util.function.IntFunction<String> userName, java.util.function.IntFunction<String> groupName) {
            if (tally != null) {
                contributors = tally.resolve(PATTERN_CONTRIBUTORS, userName, groupName);
                tally = null;
            } else if (soleUser != NOBODY) {
                user = userName.apply(soleUser);
                group = groupName.apply(soleGroup);
            }
        }

        /** Who ran the pattern's queries, named; a new object when one user and group ran them all; null when unknown. */
        public Contributors who() {
            if (contributors != null) return contributors;
            if (user == null) return null;
            Contributors c = new Contributors(PATTERN_CONTRIBUTORS);
            c.users.put(user, new Contributors.Share(queries, queueMsTotal, execMsTotal));
            c.groups.put(group, new Contributors.Share(queries, queueMsTotal, execMsTotal));
            return c;
        }

        public static final int SPREAD_BUCKETS = 32;

        /** One more query that ran this long. */
        void recordExec(double millis) {
            if (execSpread == null) execSpread = new int[SPREAD_BUCKETS];
            long ms = Math.max(1, Math.round(millis));
            execSpread[Math.min(SPREAD_BUCKETS - 1, 63 - Long.numberOfLeadingZeros(ms))]++;
        }

        /**
         * The upper edge, in ms, of the bucket holding the percentile {@code p} (0-100) of the execution times: at most
         * twice the true value, never below it; 0 when none were recorded.
         */
        public double execPercentileAtMost(double p) {
            if (execSpread == null) return 0;
            long total = 0;
            for (int n : execSpread) total += n;
            if (total == 0) return 0;
            long rank = (long) Math.ceil(p / 100 * total);
            long seen = 0;
            for (int i = 0; i < SPREAD_BUCKETS; i++) {
                seen += execSpread[i];
                if (seen >= Math.max(1, rank)) return Math.pow(2, i + 1);
            }
            return Math.pow(2, SPREAD_BUCKETS);
        }

        /**
         * The maps above start as this one empty map, replaced by a sorted one at the first entry:
         * most patterns never raise an alert or spill, and five empty maps for each pattern of each
         * hour were a fifth of a day of workload hours.
         */
        private static final Map<Object, Object> NONE = java.util.Collections.unmodifiableMap(new TreeMap<>());

        @SuppressWarnings("unchecked")
        private static <K, V> Map<K, V> none() {
            return (Map<K, V>) (Map<?, ?>) NONE;
        }

        private static <K, V> Map<K, V> writable(Map<K, V> map) {
            return (Object) map == NONE ? new TreeMap<>() : map;
        }

        /** One more disk-based step of this pattern's queries. */
        void spilled(String operation) {
            diskStepLabels = writable(diskStepLabels);
            diskStepLabels.merge(operation, 1L, Long::sum);
        }

        /** One more query of this pattern that raised the alert, with what Redshift said and the tables it scanned. */
        void alerted(String alert, String event, String solution, java.util.Set<Long> tables) {
            alerts = writable(alerts);
            alerts.merge(alert, 1L, Long::sum);
            if (event != null && !event.isEmpty()) (alertEvents = writable(alertEvents)).putIfAbsent(alert, event);
            if (solution != null && !solution.isEmpty()) (alertSolutions = writable(alertSolutions)).putIfAbsent(alert, solution);
            alertTables = writable(alertTables);
            alertTables.computeIfAbsent(alert, a -> new java.util.TreeSet<>()).addAll(tables);
        }

        static Pattern empty(Pattern like) {
            Pattern p = new Pattern();
            p.hash = like.hash;
            return p;
        }

        Pattern add(Pattern other) {
            // Who, before the totals change (one user's contributors are the totals).
            if (queries == 0 && user == null && contributors == null) {
                user = other.user;
                group = other.group;
                contributors = other.contributors == null ? null : other.contributors.copy();
            } else if (contributors != null || other.contributors != null || !java.util.Objects.equals(user, other.user)
                    || !java.util.Objects.equals(group, other.group)) {
                contributors = merged(contributors != null ? contributors : who(), other.who());
                user = null;
                group = null;
            }
            queries += other.queries;
            aborted += other.aborted;
            execMsTotal += other.execMsTotal;
            queueMsTotal += other.queueMsTotal;
            compileMsTotal += other.compileMsTotal;
            compileDominated += other.compileDominated;
            diskBasedQueries += other.diskBasedQueries;
            diskSteps += other.diskSteps;
            diskBytes += other.diskBytes;
            if (!other.alerts.isEmpty()) alerts = writable(alerts);
            if (!other.alertTables.isEmpty()) alertTables = writable(alertTables);
            if (!other.alertEvents.isEmpty()) alertEvents = writable(alertEvents);
            if (!other.alertSolutions.isEmpty()) alertSolutions = writable(alertSolutions);
            if (!other.diskStepLabels.isEmpty()) diskStepLabels = writable(diskStepLabels);
            other.alerts.forEach((k, v) -> alerts.merge(k, v, Long::sum));
            other.alertTables.forEach((k, v) -> alertTables.computeIfAbsent(k, x -> new java.util.TreeSet<>()).addAll(v));
            other.alertEvents.forEach(alertEvents::putIfAbsent);
            other.alertSolutions.forEach(alertSolutions::putIfAbsent);
            other.diskStepLabels.forEach((k, v) -> diskStepLabels.merge(k, v, Long::sum));
            wildcard |= other.wildcard;
            distinct |= other.distinct;
            if (other.joins != null) (joins == null ? joins = new java.util.TreeSet<>() : joins).addAll(other.joins);
            if (other.filters != null) (filters == null ? filters = new java.util.TreeSet<>() : filters).addAll(other.filters);
            if (writes == null) writes = other.writes;
            distRows += other.distRows;
            bcastRows += other.bcastRows;
            if (other.scanRows != null) {
                if (scanRows == null) scanRows = new TreeMap<>();
                other.scanRows.forEach((k, v) -> scanRows.merge(k, v, Double::sum));
            }
            if (other.execSpread != null) {
                if (execSpread == null) execSpread = new int[SPREAD_BUCKETS];
                for (int i = 0; i < SPREAD_BUCKETS; i++) execSpread[i] += other.execSpread[i];
            }
            if (sample == null) sample = other.sample;
            if (other.lastSeen != null && (lastSeen == null || other.lastSeen.isAfter(lastSeen))) lastSeen = other.lastSeen;
            return this;
        }
    }

    /** How queries used one table. */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    public static final class TableUsage {
        public long tableId;
        public String name;
        /** Queries that scanned the table. */
        public long scans;
        public double rowsPreFilter;
        /** Rows after visibility filtering, before user filters: the difference to rowsPreFilter are ghost rows. */
        public double rowsPreUserFilter;
        public double rowsReturned;
        /** Scans whose rows before user filters were reported (provisioned only). */
        public long ghostMeasuredScans;
        /** Queries with a leading-wildcard LIKE / SIMILAR TO that scanned the table. */
        public long wildcardScans;
        /** Scan seconds of wildcard queries served by AQUA (scan type 35), in order of start. */
        public Samples aquaSeconds = new Samples();
        /** Start of the first AQUA scan seen and its seconds: AQUA's first touch copies the table. */
        public Instant firstAquaStart;
        public Double firstAquaSeconds;
        /** Scan seconds of wildcard queries served by the cluster itself (scan type 2). */
        public Samples wildcardClusterSeconds = new Samples();
        /** Scan seconds of every other scan of the table on the cluster (scan type 2). */
        public Samples clusterSeconds = new Samples();
        /**
         * Of {@link #clusterSeconds}, the scans zone maps did not restrict (range_restricted 0 or
         * unknown): like a wildcard scan they read every block, so they are its baseline.
         */
        public Samples fullScanSeconds = new Samples();
        /** Rows AQUA scans of non-DISTINCT queries returned, and how many such scans: what pushdown returns. */
        public double aquaRowsReturned;
        public long aquaRowsScans;
        /** Largest row count an AQUA scan returned for a DISTINCT query (not pushed down). */
        public double aquaDistinctRowsMax;
        public long aquaDistinctScans;
        public Instant lastScan;

        static TableUsage empty(TableUsage like) {
            TableUsage u = new TableUsage();
            u.tableId = like.tableId;
            return u;
        }

        TableUsage add(TableUsage other) {
            scans += other.scans;
            rowsPreFilter += other.rowsPreFilter;
            rowsPreUserFilter += other.rowsPreUserFilter;
            rowsReturned += other.rowsReturned;
            ghostMeasuredScans += other.ghostMeasuredScans;
            wildcardScans += other.wildcardScans;
            if (other.firstAquaStart != null && (firstAquaStart == null || other.firstAquaStart.isBefore(firstAquaStart))) {
                // The other period saw AQUA first: its first scan is the first touch; ours become steady state.
                if (firstAquaSeconds != null) aquaSeconds.add(firstAquaSeconds);
                firstAquaStart = other.firstAquaStart;
                firstAquaSeconds = other.firstAquaSeconds;
                aquaSeconds.addAll(other.aquaSeconds);
            } else {
                if (other.firstAquaSeconds != null) aquaSeconds.add(other.firstAquaSeconds);
                aquaSeconds.addAll(other.aquaSeconds);
            }
            wildcardClusterSeconds.addAll(other.wildcardClusterSeconds);
            clusterSeconds.addAll(other.clusterSeconds);
            fullScanSeconds.addAll(other.fullScanSeconds);
            aquaRowsReturned += other.aquaRowsReturned;
            aquaRowsScans += other.aquaRowsScans;
            aquaDistinctRowsMax = Math.max(aquaDistinctRowsMax, other.aquaDistinctRowsMax);
            aquaDistinctScans += other.aquaDistinctScans;
            if (name == null) name = other.name;
            if (other.lastScan != null && (lastScan == null || other.lastScan.isAfter(lastScan))) lastScan = other.lastScan;
            return this;
        }

        /** Ghost rows read per scan, where measured. */
        public double ghostRows() {
            return Math.max(0, rowsPreFilter - rowsPreUserFilter);
        }
    }
}
