package autopilot.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Console pages a test fetched, kept under {@code target/console-pages/} for a look at what people see. */
public final class PageSnapshots {

    private PageSnapshots() {
    }

    /** Saves the HTML under a file name made from the page's path and query; returns the HTML. */
    public static String save(String path, String html) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "console-pages"));
            Files.writeString(dir.resolve(path.replaceAll("[^A-Za-z0-9]+", "_") + ".html"), html);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return html;
    }
}
