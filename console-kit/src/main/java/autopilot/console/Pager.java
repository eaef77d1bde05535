package autopilot.console;

import io.quarkus.qute.RawString;
import java.util.Map;

/**
 * One page of a long list: which rows to show and the links to the neighbouring pages. Links keep the page's other
 * query parameters, so a filtered, sorted list pages as a deep link that survives a reload.
 *
 * @param page  1-based page number, clamped to the pages there are
 * @param size  rows per page
 * @param total rows in the whole list
 */
public record Pager(int page, int size, long total) {

    public Pager {
        if (size < 1) throw new IllegalArgumentException("page size must be at least 1, was " + size);
        long pages = Math.max(1, (total + size - 1) / size);
        page = (int) Math.max(1, Math.min(page, pages));
    }

    public long pages() {
        return Math.max(1, (total + size - 1) / size);
    }

    /** Index of the first row of this page (0-based), for OFFSET. */
    public long offset() {
        return (long) (page - 1) * size;
    }

    /** Number of the first and last row shown (1-based), for "rows 51-100 of 7,313". */
    public long first() {
        return total == 0 ? 0 : offset() + 1;
    }

    public long last() {
        return Math.min(total, offset() + size);
    }

    /**
     * The page navigation: previous / next / first / last as real links (keyboard reachable), the current page as
     * text, inside {@code <nav class="pager" aria-label="Pages">}.
     *
     * @param path  the page's path
     * @param query the other query parameters to keep (null or blank values left out)
     */
    public RawString links(String path, Map<String, String> query) {
        StringBuilder sb = new StringBuilder("<nav class=\"pager\" aria-label=\"Pages\" data-page=\"").append(page)
                .append("\" data-pages=\"").append(pages()).append("\" data-total=\"").append(total).append("\">");
        link(sb, path, query, 1, "« first", page > 1, "first");
        link(sb, path, query, page - 1, "‹ previous", page > 1, "prev");
        sb.append("<span class=\"current\">page ").append(page).append(" of ").append(pages()).append(" (rows ")
                .append(first()).append("–").append(last()).append(" of ").append(total).append(")</span>");
        link(sb, path, query, page + 1, "next ›", page < pages(), "next");
        link(sb, path, query, (int) pages(), "last »", page < pages(), "last");
        return new RawString(sb.append("</nav>").toString());
    }

    private void link(StringBuilder sb, String path, Map<String, String> query, int to, String label, boolean enabled, String rel) {
        if (!enabled) return;
        sb.append("<a rel=\"").append(rel).append("\" class=\"pager-").append(rel).append("\" href=\"")
                .append(Html.escape(Links.withQuery(path, query, Map.of("page", String.valueOf(to))))).append("\">")
                .append(label).append("</a> ");
    }
}
