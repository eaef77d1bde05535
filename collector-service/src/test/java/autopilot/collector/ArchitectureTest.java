package autopilot.collector;

import autopilot.testsupport.ServiceArchitectureTest;

/** This service depends on no other (test-support's shared checks). */
class ArchitectureTest extends ServiceArchitectureTest {

    ArchitectureTest() {
        super("autopilot.collector");
    }
}
