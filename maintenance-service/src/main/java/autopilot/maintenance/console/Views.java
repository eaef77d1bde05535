package autopilot.maintenance.console;

import autopilot.events.TableHealth;
import autopilot.maintenance.state.LedgerQuery;
import autopilot.console.Console;
import autopilot.console.Links;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What the maintenance pages show: plain values, formatted for people, so templates only place them. */
final class Views {

    static final String ROOT = "/console/maintenance";

    private Views() {
    }

    /** A cluster at a glance: its window now and its ledger's counts (runs of the last day). */
    record ClusterRow(String id, String href, String schedule, boolean open, Instant closesAt, Instant nextOpening, boolean dryRun,
                      String refusal, LedgerQuery.Counts counts, String runsHref, String failuresHref) {
    }

    /** A link to a finding's page in the analyzer's console (same address, another service behind the load balancer). */
    record FindingLink(String fingerprint, String href) {
    }

    record ItemRow(String id, String href, String clusterId, String clusterHref, String table, String work, String priority, boolean urgent,
                   List<FindingLink> findings, String reason, Instant requestedAt, Instant receivedAt, Instant waitsFor, Instant doneAt,
                   String doneState, String lastState, String lastTone, String lastOutcome, Instant lastAt) {
    }

    /** One figure of a table before and after a run. */
    record Figure(String name, String before, String after) {
    }

    record RunRow(long id, String workItemId, String itemHref, String table, String state, String tone, String code, String outcome,
                  String statements, String instance, Instant startedAt, Instant updatedAt, String duration, List<Figure> figures,
                  String priority, boolean urgent, String statementNow) {
    }

    static String cluster(String clusterId) {
        return ROOT + "/clusters/" + Links.segment(clusterId);
    }

    static String item(String workItemId) {
        return ROOT + "/items/" + Links.segment(workItemId);
    }

    static ItemRow item(LedgerQuery.Item i) {
        List<FindingLink> findings = i.fingerprints().stream().map(f -> new FindingLink(f, "/console/findings/" + Links.segments(f))).toList();
        return new ItemRow(i.workItemId(), item(i.workItemId()), i.clusterId(), cluster(i.clusterId()), i.table(), i.work(),
                Console.number(i.priority()), i.urgent(), findings, i.reason() == null ? "" : i.reason(), i.requestedAt(), i.receivedAt(),
                i.waitsFor(), i.doneAt(), i.doneState(), i.lastState(), tone(i.lastState()), i.lastOutcome() == null ? "" : i.lastOutcome(),
                i.lastAt());
    }

    static RunRow run(LedgerQuery.Run r, String statementNow) {
        List<Figure> figures = new ArrayList<>();
        if (r.before() != null || r.after() != null) {
            TableHealth b = r.before();
            TableHealth a = r.after();
            figures.add(new Figure("unsorted %", Console.number(b == null ? null : b.unsortedPct()), Console.number(a == null ? null : a.unsortedPct())));
            figures.add(new Figure("stats_off %", Console.number(b == null ? null : b.statsOffPct()), Console.number(a == null ? null : a.statsOffPct())));
            figures.add(new Figure("rows", Console.number(b == null ? null : b.rows()), Console.number(a == null ? null : a.rows())));
            figures.add(new Figure("size MB", Console.number(b == null ? null : b.sizeMb()), Console.number(a == null ? null : a.sizeMb())));
        }
        String duration = r.durationMillis() != null ? Console.duration(r.durationMillis() / 1000.0)
                : "running".equals(r.state()) ? "" : Console.duration((double) Duration.between(r.startedAt(), r.updatedAt()).toSeconds());
        return new RunRow(r.id(), r.workItemId(), item(r.workItemId()), r.table(), r.state(), tone(r.state()), r.code() == null ? "" : r.code(),
                r.outcome() == null ? "" : r.outcome(), r.statements() == null ? "" : r.statements().replace("; ", ";\n"), r.instance(), r.startedAt(), r.updatedAt(),
                duration, figures, r.priority() == null ? "" : Console.number(r.priority()), Boolean.TRUE.equals(r.urgent()),
                statementNow == null ? "" : statementNow);
    }

    /** The colour a run state is shown in (its word is always shown too). */
    static String tone(String state) {
        if (state == null) return "none";
        return switch (state.toLowerCase(Locale.ROOT)) {
            case "failed", "dead-lettered" -> "critical";
            case "postponed", "abandoned" -> "warning";
            case "running", "completed" -> "info";
            default -> "none";
        };
    }
}
