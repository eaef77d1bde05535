package autopilot.events;

/** Provisioned clusters expose STL/STV/SVL tables; Serverless workgroups only the SYS_* views. */
public enum ClusterKind {
    PROVISIONED,
    SERVERLESS
}
