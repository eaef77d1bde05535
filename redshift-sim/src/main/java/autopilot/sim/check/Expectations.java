package autopilot.sim.check;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files expected to fail ({@code --expect FILE}): one {@code name: reason} line each; blank lines
 * and lines starting with {@code #} are skipped. The reason is for the reader; only the names count.
 */
record Expectations(Path file, Map<String, String> failing) {

    static Expectations read(Path file) throws IOException, CheckOptions.BadArguments {
        Map<String, String> failing = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 1) {
                throw new CheckOptions.BadArguments("--expect " + file + " line " + (i + 1) + ": write 'name: reason', "
                        + "e.g. 'v_open_session.sql: relation stv_sessions has no column ...'");
            }
            failing.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
        }
        return new Expectations(file, failing);
    }

    /** Prints how the outcomes differ from the list; true when they do not. */
    boolean report(List<Outcome> outcomes, PrintStream out) {
        List<String> differences = new ArrayList<>();
        Map<String, Outcome> byName = new LinkedHashMap<>();
        outcomes.forEach(o -> byName.put(o.name(), o));
        for (Outcome o : outcomes) {
            if (!o.passed() && !failing.containsKey(o.name())) {
                differences.add("failed but is not listed: " + o.name() + " (" + o.failure().sqlState() + " "
                        + o.failure().message() + ")");
            } else if (o.passed() && failing.containsKey(o.name())) {
                differences.add("listed as failing but ran: " + o.name() + " (listed: " + failing.get(o.name()) + ")");
            }
        }
        failing.keySet().stream().filter(name -> !byName.containsKey(name))
                .forEach(name -> differences.add("listed but there is no such file: " + name));
        if (differences.isEmpty()) {
            out.printf("as expected (--expect %s): the %d listed file%s failed and no other%n", file, failing.size(),
                    failing.size() == 1 ? "" : "s");
            return true;
        }
        out.printf("NOT as expected (--expect %s): %d difference%s%n", file, differences.size(),
                differences.size() == 1 ? "" : "s");
        differences.forEach(d -> out.println("  " + d));
        return false;
    }
}
