package autopilot.sim.gateway;

import java.util.HashMap;
import java.util.Map;

/**
 * Prepared statements and portals of one connection that the gateway answers itself. PostgreSQL
 * never saw them, so every later Bind, Describe, Execute or Close naming them must be answered
 * here too.
 */
final class InterceptedStatements {

    /** What a successfully intercepted statement reports. */
    record Answer(String commandTag, int[] parameterTypes) {}

    private final Map<String, Answer> statements = new HashMap<>();
    private final Map<String, Answer> portals = new HashMap<>();

    boolean isEmpty() {
        return statements.isEmpty() && portals.isEmpty();
    }

    void prepare(String statement, Answer answer) {
        statements.put(statement, answer);
    }

    /** A forwarded Parse reuses the name, so PostgreSQL owns it from now on. */
    void forgetStatement(String statement) {
        statements.remove(statement);
    }

    Answer statement(String name) {
        return statements.get(name);
    }

    void bind(String portal, Answer answer) {
        portals.put(portal, answer);
    }

    void forgetPortal(String portal) {
        portals.remove(portal);
    }

    Answer portal(String name) {
        return portals.get(name);
    }

    /** Removes a statement ('S') or portal ('P'); true when it was one of ours. */
    boolean close(int kind, String name) {
        return (kind == 'S' ? statements : portals).remove(name) != null;
    }
}
