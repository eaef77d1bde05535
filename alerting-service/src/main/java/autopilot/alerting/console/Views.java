package autopilot.alerting.console;

import autopilot.alerting.paging.PageText;
import autopilot.alerting.paging.PagingQuery;
import autopilot.alerting.paging.PagingStore;
import autopilot.console.Links;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the alerting pages show: plain values, formatted for people, so templates only place them. */
final class Views {

    static final String ROOT = "/console/alerts";

    private Views() {
    }

    /**
     * One line of a page's body; a {@code Console: <address>} line (a finding's page, {@link PageText#LINK_LINE}) keeps its
     * label and indent and carries the address as {@code href}, shown as a link.
     */
    record BodyLine(String text, String indent, String label, String href) {
    }

    record PageRow(String pageId, String href, String clusterId, String clusterHref, String kind, String severity, String category,
                   String subject, Instant createdAt, Instant sentAt, int attempts, String lastError, List<BodyLine> lines,
                   List<String> links, List<String> fingerprints) {
    }

    record ClusterRow(String id, String pagesHref, String suppressedHref, String incidentsHref, PagingQuery.ClusterCounts counts) {
    }

    record SuppressedRow(String clusterId, String fingerprint, String eventId, String eventType, String reason, Instant at) {
    }

    record IncidentRow(String clusterId, String fingerprint, String findingHref, String category, boolean paged, Instant lastPageAt,
                       Instant updatedAt) {
    }

    static String pageHref(String pageId) {
        return ROOT + "/pages/" + Links.segment(pageId);
    }

    static String pages(String clusterId) {
        return Links.withQuery(ROOT + "/pages", Map.of(), Map.of("cluster", clusterId));
    }

    static PageRow page(PagingStore.StoredPage s) {
        List<BodyLine> lines = new ArrayList<>();
        List<String> links = new ArrayList<>();
        for (String line : s.page().body().split("\n", -1)) {
            String trimmed = line.stripLeading();
            String href = null;
            if (trimmed.startsWith(PageText.LINK_LINE)) {
                String address = trimmed.substring(PageText.LINK_LINE.length()).trim();
                // Only web addresses become links (a page's body is text from events; no javascript: or data: links).
                if (address.startsWith("https://") || address.startsWith("http://") || address.startsWith("/")) href = address;
            }
            if (href != null) {
                links.add(href);
                lines.add(new BodyLine(line, line.substring(0, line.length() - trimmed.length()), PageText.LINK_LINE, href));
            } else {
                lines.add(new BodyLine(line, "", "", null));
            }
        }
        return new PageRow(s.page().pageId(), pageHref(s.page().pageId()), s.clusterId(), pages(s.clusterId()), s.page().kind().name(),
                s.page().severity().name(), s.page().category(), s.page().subject(), s.createdAt(), s.sentAt(), s.attempts(),
                s.lastError() == null ? "" : s.lastError(), lines, links, s.page().fingerprints());
    }
}
