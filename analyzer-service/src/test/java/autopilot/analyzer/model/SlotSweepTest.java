package autopilot.analyzer.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlotSweepTest {

    static Workload.QueueHour queue(int serviceClass) {
        Workload.QueueHour q = new Workload.QueueHour();
        q.serviceClass = serviceClass;
        return q;
    }

    @Test
    void overlappingRunsAddUpTheirSlotsAndBackToBackRunsDoNot() {
        Workload.QueueHour bi = queue(7);
        Workload.QueueHour etl = queue(6);
        SlotSweep sweep = new SlotSweep(10);
        sweep.add(bi, 10_000, 5_000, 1);   // 5-10 s
        sweep.add(bi, 12_000, 4_000, 2);   // 8-12 s, two slots: 3 in use at 8 s
        sweep.add(bi, 15_000, 3_000, 1);   // 12-15 s: starts as the previous ends
        sweep.add(etl, 11_000, 10_000, 1); // another queue: counted apart
        sweep.sweep();
        assertThat(bi.peakSlots).isEqualTo(3);
        assertThat(etl.peakSlots).isEqualTo(1);
    }

    @Test
    void thePeakOfAnHourIsKeptWhenHoursAreAdded() {
        Workload.QueueHour a = queue(7);
        a.peakSlots = 4;
        Workload.QueueHour b = queue(7);
        b.peakSlots = 2;
        assertThat(Workload.QueueHour.sum(java.util.List.of(a, b)).peakSlots).isEqualTo(4);
    }
}
