package autopilot.testsupport;

import autopilot.events.ClusterHealthReported;
import autopilot.events.EventCodec;
import autopilot.events.EventEnvelope;
import autopilot.events.FindingRaised;
import autopilot.events.FindingResolved;
import autopilot.events.FindingUpdated;
import autopilot.events.MaintenanceCompleted;
import autopilot.events.MaintenanceFailed;
import autopilot.events.MaintenanceSkipped;
import java.net.URI;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The local run's live feed: prints, as they happen, the findings raised and resolved, the
 * maintenance outcomes, the pages sent and the alarms the alerting service keeps. It reads its own
 * queues subscribed to the recommendations and pages topics (so the queue {@code autopilot-pages-inbox}
 * stays for people to read). Usage: {@code LocalFeed <emulator endpoint> <recommendations arn> <pages arn>}.
 */
public final class LocalFeed {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private final EventCodec codec = new EventCodec();

    private LocalFeed() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3) {
            System.err.println("usage: LocalFeed <emulator endpoint> <recommendations topic arn> <pages topic arn>");
            System.exit(2);
        }
        new LocalFeed().run(URI.create(args[0]), args[1], args[2]);
    }

    private void run(URI endpoint, String recommendations, String pages) throws InterruptedException {
        try (AwsClients aws = AwsClients.forEndpoint(endpoint)) {
            String events = TopicTap.subscribe(aws.sqs(), aws.sns(), recommendations, "autopilot-local-feed-events");
            String pageFeed = TopicTap.subscribe(aws.sqs(), aws.sns(), pages, "autopilot-local-feed-pages");
            TopicTap.subscribe(aws.sqs(), aws.sns(), pages, "autopilot-pages-inbox");
            int alarms = -1;
            long lastAlarmCheck = 0;
            while (!Thread.currentThread().isInterrupted()) {
                // Long-poll the events; the pages only glance (a second's wait there every round slowed a fleet's feed to a few
                // events a second while thousands queued).
                for (Message m : receive(aws, events, 1)) print(m.body());
                for (Message m : receive(aws, pageFeed, 0)) {
                    String kind = m.messageAttributes().containsKey("pageKind") ? m.messageAttributes().get("pageKind").stringValue() : "PAGE";
                    line("page", kind + " " + pageLine(m.body()));
                }
                if (System.currentTimeMillis() - lastAlarmCheck > 15_000) {
                    lastAlarmCheck = System.currentTimeMillis();
                    List<String> names = aws.cloudWatch().describeAlarms(b -> b.alarmNamePrefix("autopilot-")).metricAlarms().stream()
                            .map(a -> a.alarmName() + "=" + a.stateValueAsString()).toList();
                    if (names.size() != alarms) {
                        alarms = names.size();
                        line("alarms", alarms + " alarms kept by alerting-service: " + String.join(", ", names));
                    }
                }
            }
        }
    }

    private static List<Message> receive(AwsClients aws, String url, int waitSeconds) {
        List<Message> messages = aws.sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(waitSeconds)
                .messageAttributeNames("All")).messages();
        if (!messages.isEmpty()) {
            List<DeleteMessageBatchRequestEntry> read = messages.stream().map(m -> DeleteMessageBatchRequestEntry.builder()
                    .id(m.messageId()).receiptHandle(m.receiptHandle()).build()).toList();
            aws.sqs().deleteMessageBatch(b -> b.queueUrl(url).entries(read));
        }
        return messages;
    }

    private void print(String body) {
        EventEnvelope<?> e;
        try {
            e = codec.decode(body);
        } catch (RuntimeException ex) {
            line("event", "undecodable: " + ex.getMessage());
            return;
        }
        Object p = e.payload();
        if (p instanceof FindingRaised r) {
            line("finding", e.clusterId(), "RAISED   " + r.finding().severity() + " " + r.finding().title() + in(r.finding().subject())
                    + causedBy(r.finding().attribution()));
        } else if (p instanceof FindingUpdated u) {
            line("finding", e.clusterId(), "UPDATED  " + u.previousSeverity() + " -> " + u.finding().severity() + " " + u.finding().title()
                    + in(u.finding().subject()));
        } else if (p instanceof FindingResolved r) {
            line("finding", e.clusterId(), "RESOLVED " + r.finding().title() + in(r.finding().subject()) + " (" + r.reason() + ")");
        } else if (p instanceof MaintenanceCompleted c) {
            line("maintenance", e.clusterId(), String.format(Locale.ROOT, "COMPLETED %s in %.1f s: %s; unsorted %s -> %s, stats_off %s -> %s",
                    name(c.table()), c.durationMillis() / 1000.0, String.join("; ", c.statements()),
                    c.before().unsortedPct(), c.after().unsortedPct(), c.before().statsOffPct(), c.after().statsOffPct()));
        } else if (p instanceof MaintenanceSkipped s) {
            line("maintenance", e.clusterId(), "SKIPPED  " + name(s.table()) + ": " + s.code() + " " + s.reason());
        } else if (p instanceof MaintenanceFailed f) {
            line("maintenance", e.clusterId(), "FAILED   " + name(f.table()) + ": " + f.errorClass() + " " + f.message()
                    + (f.willRetry() ? " (will retry)" : ""));
        } else if (p instanceof ClusterHealthReported h) {
            // A workload-only snapshot says nothing about tables: its table figures are absent, not zero.
            String tables = h.maxUnsortedPct() == null && h.maxSkewRatio() == null && h.tablesWithStaleStatistics() == null
                    ? "workload only"
                    : String.format(Locale.ROOT, "max unsorted %s%%, max skew %s, stale tables %s", h.maxUnsortedPct(), h.maxSkewRatio(),
                            h.tablesWithStaleStatistics());
            line("health", e.clusterId(), String.format(Locale.ROOT, "snapshot: %s, open findings %s", tables, h.openFindings()));
            if (h.usage() != null) line("usage", e.clusterId(), usageLine(h.usage()));
        }
    }

    /** The day's usage and cost: RPU-hours on Serverless, concurrency scaling and idle share on provisioned. */
    static String usageLine(autopilot.events.UsageFigures u) {
        StringBuilder s = new StringBuilder(String.valueOf(u.day())).append(" (UTC):");
        if (u.rpuHoursToday() != null) {
            s.append(String.format(Locale.ROOT, " %.2f RPU-h so far, last hour %s, forecast %s", u.rpuHoursToday(),
                    u.rpuHoursLastHour() == null ? "-" : String.format(Locale.ROOT, "%.2f", u.rpuHoursLastHour()),
                    u.rpuHoursForecastToday() == null ? "-" : String.format(Locale.ROOT, "%.2f RPU-h", u.rpuHoursForecastToday())));
            s.append(u.costToday() == null ? ", no price configured" : String.format(Locale.ROOT, ", cost %.2f %s", u.costToday(), u.currency()));
        }
        if (u.concurrencyScalingSecondsToday() != null) {
            s.append(String.format(Locale.ROOT, " concurrency scaling %.0f s", u.concurrencyScalingSecondsToday()));
        }
        if (u.idlePctLastDay() != null) s.append(String.format(Locale.ROOT, ", idle %.1f %% of the last day", u.idlePctLastDay()));
        return s.toString();
    }

    /**
     * Who causes a workload finding, as the feed shows it: the largest user and the largest query group
     * with their shares (the finding's attribution, largest first); empty when it names nobody.
     */
    static String causedBy(List<autopilot.events.Attribution> attribution) {
        if (attribution == null || attribution.isEmpty()) return "";
        List<String> top = new java.util.ArrayList<>();
        for (autopilot.events.Attribution.By by : List.of(autopilot.events.Attribution.By.USER, autopilot.events.Attribution.By.QUERY_GROUP)) {
            attribution.stream().filter(a -> a.by() == by).findFirst().ifPresent(a -> top.add(
                    (by == autopilot.events.Attribution.By.USER ? "user " : "query group ") + a.name()
                            + String.format(Locale.ROOT, " %.0f%%", a.sharePct())));
        }
        return top.isEmpty() ? "" : " | caused by " + String.join(", ", top);
    }

    /**
     * What a page is about (its "Problem:" or "Digest:" line; SNS's subject does not reach a raw
     * subscription), after "|" the statements it gives to copy, and its finding's console page (the
     * "Console:" line alerting adds when the analyzer has autopilot.console.base-url; a digest's count of them).
     */
    static String pageLine(String body) {
        List<String> lines = body.lines().toList();
        String about = lines.stream().filter(l -> l.startsWith("Problem: ") || l.startsWith("Digest: ")).findFirst()
                .map(l -> l.substring(l.indexOf(": ") + 2)).orElse(lines.isEmpty() ? "" : lines.get(0));
        List<String> sql = autopilot.events.PageSent.statements(body);
        List<String> links = lines.stream().map(String::strip).filter(l -> l.startsWith(CONSOLE)).map(l -> l.substring(CONSOLE.length())).toList();
        String line = sql.isEmpty() ? about : about + " | " + String.join(" ", sql);
        // Who causes it (alerting's "Caused by:" line of a workload finding), the first thing on call asks.
        String causes = lines.stream().map(String::strip).filter(l -> l.startsWith("Caused by: ")).findFirst().orElse(null);
        if (causes != null) line = line + " | " + causes;
        if (links.size() == 1) return line + " | console " + links.get(0);
        return links.isEmpty() ? line : line + " | " + links.size() + " console links";
    }

    /** A page's line with its finding's console page (alerting's PageText.LINK_LINE and a space). */
    private static final String CONSOLE = "Console: ";

    /** Titles name schema.table; a cluster has several databases, so the feed says which. */
    private static String in(autopilot.events.ObjectRef subject) {
        return subject == null || subject.database() == null ? "" : " [database " + subject.database() + "]";
    }

    private static String name(autopilot.events.TableRef table) {
        return table.database() + "." + table.schema() + "." + table.table();
    }

    private static void line(String kind, String text) {
        System.out.printf("%s %-11s %s%n", LocalTime.now().format(TIME), "[" + kind + "]", text);
        System.out.flush();
    }

    /** A line about one cluster: its id after the kind, so a fleet's lines can be told apart. */
    private static void line(String kind, String cluster, String text) {
        line(kind, cluster + "  " + text);
    }
}
