package autopilot.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Quarkus test resource: the shared moto with the topology provisioned, and the configuration
 * that points a service's AWS clients and SQS connector at it. Use with
 * {@code @QuarkusTestResource(value = MotoTestResource.class, restrictToAnnotatedClass = true)}
 * or {@code @WithTestResource(MotoTestResource.class)}.
 */
public class MotoTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Moto moto = Moto.shared();
        // The connector's credentials provider (DefaultCredentialsProvider) reads these.
        System.setProperty("aws.accessKeyId", AwsClients.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", AwsClients.SECRET_KEY);
        Map<String, String> config = new HashMap<>();
        config.put("autopilot.aws.region", AwsClients.REGION);
        config.put("autopilot.aws.endpoint-override", moto.server().endpoint().toString());
        // Each service reads the topic ARNs it needs under its own prefix.
        for (String service : new String[] {"analyzer", "maintenance"}) {
            config.put("autopilot." + service + ".recommendations-topic-arn", moto.topology().recommendationsArn());
        }
        config.put("autopilot.alerting.pages-topic-arn", moto.topology().pagesArn());
        return config;
    }

    @Override
    public void stop() {
        // The shared server outlives one test class; it stops when the JVM exits.
    }
}
