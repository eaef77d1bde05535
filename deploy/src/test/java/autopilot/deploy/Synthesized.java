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
 * read as plain strings.
 */
final class Synthesized {

    static final String ACCOUNT = "123456789012";
    static final String REGION = "eu-west-1";
    static final String REDSHIFT_SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:autopilot/redshift-AbCdEf";
    static final String REDSHIFT_SECURITY_GROUP = "sg-0123456789abcdef0";

    private static Template template;
    private static AutopilotStack stack;

    private Synthesized() {
    }

    /** Parameters a user would pass: only the required ones, everything else defaulted. */
    static Map<String, Object> requiredContext() {
        Map<String, Object> context = new HashMap<>();
        context.put("vpcId", "vpc-0a1b2c3d4e5f60718");
        context.put("subnetIds", "subnet-0aaaaaaaaaaaaaaa1,subnet-0bbbbbbbbbbbbbbb2");
        context.put("availabilityZones", "eu-west-1a,eu-west-1b");
        context.put("redshiftEndpoint", "analytics.abc123xyz.eu-west-1.redshift.amazonaws.com");
        context.put("redshiftSecurityGroupId", REDSHIFT_SECURITY_GROUP);
        context.put("redshiftSecretArn", REDSHIFT_SECRET_ARN);
        return context;
    }

    static synchronized Template template() {
        if (template == null) {
            Map<String, Object> context = requiredContext();
            App app = new App(AppProps.builder().context(context).build());
            stack = new AutopilotStack(app, "RedshiftAutopilot", StackProps.builder()
                    .env(Environment.builder().account(ACCOUNT).region(REGION).build()).build(),
                    DeploySettings.fromContext(app.getNode()::tryGetContext));
            template = Template.fromStack(stack);
        }
        return template;
    }

    static synchronized AutopilotStack stack() {
        template();
        return stack;
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
