package autopilot.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Page addresses: query strings and path segments encoded once, the same way on every page. */
public final class Links {

    private Links() {
    }

    /** A value as one path segment: {@code dev.public.my table} -> {@code dev.public.my%20table}. */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A path whose '/'-separated parts are each encoded (for ids such as fingerprints that contain slashes). */
    public static String segments(String value) {
        StringBuilder sb = new StringBuilder();
        for (String part : value.split("/", -1)) {
            if (!sb.isEmpty()) sb.append('/');
            sb.append(segment(part));
        }
        return sb.toString();
    }

    /** {@code path?k=v&...} from the kept parameters overridden by {@code set}; null and blank values left out. */
    public static String withQuery(String path, Map<String, String> keep, Map<String, String> set) {
        Map<String, String> all = new LinkedHashMap<>();
        if (keep != null) all.putAll(keep);
        if (set != null) all.putAll(set);
        StringBuilder sb = new StringBuilder(path);
        char sep = '?';
        for (Map.Entry<String, String> e : all.entrySet()) {
            if (e.getValue() == null || e.getValue().isBlank()) continue;
            sb.append(sep).append(segment(e.getKey())).append('=').append(segment(e.getValue()));
            sep = '&';
        }
        return sb.toString();
    }
}
