package autopilot.deploy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

/**
 * The stack synthesized once per test JVM (synthesis starts the CDK's Node.js runtime, a few
 * seconds), from a complete and valid set of parameters, in a fixed account and region so ARNs
 * read as plain strings; {@link #synthesize} for variants.
 */
final class Synthesized {

    static final String ACCOUNT = "123456789012";
    static final String REGION = "eu-west-1";
    static final String REDSHIFT_SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:team-a/main-AbCdEf";
    static final String MAINTENANCE_SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:team-a/main-maint-GhIjKl";
    /**
     * Two listed clusters as a user passes them on the command line: {@code main} with its secrets
     * (outside the secret prefix, so granted one by one) and node type, {@code legacy} on another
     * port with IAM credentials.
     */
    static final String CLUSTERS = "[{\"id\":\"main\",\"endpoint\":\"analytics.abc123xyz.eu-west-1.redshift.amazonaws.com:5439/dev\","
            + "\"secretArn\":\"" + REDSHIFT_SECRET_ARN + "\",\"maintenanceSecretArn\":\"" + MAINTENANCE_SECRET_ARN + "\","
            + "\"nodeType\":\"ra3.4xlarge\"},"
            + "{\"id\":\"legacy\",\"endpoint\":\"legacy.def456uvw.eu-west-1.redshift.amazonaws.com:5440\"}]";

    private static Template template;
    private static AutopilotStack stack;

    private Synthesized() {
    }

    /** Parameters a user must pass: only the required ones, everything else defaulted (discovery alone). */
    static Map<String, Object> requiredContext() {
        Map<String, Object> context = new HashMap<>();
        context.put("vpcId", "vpc-0a1b2c3d4e5f60718");
        context.put("subnetIds", "subnet-0aaaaaaaaaaaaaaa1,subnet-0bbbbbbbbbbbbbbb2");
        context.put("availabilityZones", "eu-west-1a,eu-west-1b");
        return context;
    }

    /**
     * The stack most tests read: discovery with its defaults, the two listed {@link #CLUSTERS}, and
     * a maintenance user of its own.
     */
    static synchronized Template template() {
        if (template == null) {
            Map<String, Object> context = requiredContext();
            context.put("clusters", CLUSTERS);
            context.put("maintenanceUser", "autopilot_maintenance");
            stack = synthesize(context);
            template = Template.fromStack(stack);
        }
        return template;
    }

    static synchronized AutopilotStack stack() {
        template();
        return stack;
    }

    /** A stack of its own from these parameters (a few seconds: for variants the shared one does not cover). */
    static AutopilotStack synthesize(Map<String, Object> context) {
        App app = new App(AppProps.builder().context(context).build());
        return new AutopilotStack(app, "RedshiftAutopilot", StackProps.builder()
                .env(Environment.builder().account(ACCOUNT).region(REGION).build()).build(),
                DeploySettings.fromContext(app.getNode()::tryGetContext));
    }

    /** Resources of one type by logical id, each as its CloudFormation JSON. */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> resources(String type) {
        return (Map<String, Map<String, Object>>) (Map<?, ?>) template().findResources(type);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }

    /** Logical id of the single resource of a type whose id starts with a construct path prefix. */
    static String logicalId(String type, String idPrefix) {
        List<String> ids = resources(type).keySet().stream().filter(id -> id.startsWith(idPrefix)).toList();
        if (ids.size() != 1) {
            throw new AssertionError("expected one " + type + " with id " + idPrefix + "*, found " + ids);
        }
        return ids.get(0);
    }
}
