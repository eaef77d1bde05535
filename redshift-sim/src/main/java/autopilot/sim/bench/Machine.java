package autopilot.sim.bench;

import java.io.PrintStream;

/** One line on what a benchmark ran on, so figures from different machines are not compared blindly. */
final class Machine {

    private Machine() {
    }

    static void describe(PrintStream out) {
        Runtime rt = Runtime.getRuntime();
        out.printf("machine: %d cores, Java %s, max heap %s, %s %s%n", rt.availableProcessors(), System.getProperty("java.version"),
                DiskUsage.human(rt.maxMemory()), System.getProperty("os.name"), System.getProperty("os.arch"));
    }
}
