package autopilot.sim.check;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The closing lines: how many files ran, the failures grouped by cause, and how long it took. */
final class Summary {

    private Summary() {
    }

    static void print(List<Outcome> outcomes, int passes, double seconds, String target, PrintStream out) {
        long ran = outcomes.stream().filter(Outcome::passed).count();
        out.println();
        out.printf("%d of %d files ran; %d failed (%s; %d pass%s; %.1f s)%n", ran, outcomes.size(), outcomes.size() - ran,
                target, passes, passes == 1 ? "" : "es", seconds);
        Map<String, List<Outcome>> byCause = new TreeMap<>();
        outcomes.stream().filter(o -> !o.passed())
                .forEach(o -> byCause.computeIfAbsent(o.failure().cause(), c -> new java.util.ArrayList<>()).add(o));
        if (byCause.isEmpty()) {
            return;
        }
        out.println("failures by cause (SQLSTATE, message with identifiers as \"?\" and numbers as N):");
        byCause.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, List<Outcome>> e) -> -e.getValue().size())
                        .thenComparing(Map.Entry::getKey))
                .forEach(e -> {
                    out.printf("  %3d  %s%n", e.getValue().size(), e.getKey());
                    for (Outcome o : e.getValue()) {
                        out.printf("         %s: %s%n", o.name(), o.failure().message());
                    }
                });
    }
}
