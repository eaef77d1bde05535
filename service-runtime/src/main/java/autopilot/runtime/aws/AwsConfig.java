package autopilot.runtime.aws;

import io.smallrye.config.ConfigMapping;
import java.net.URI;
import java.util.Optional;

/** Where AWS is: the region, and an endpoint override for emulators (moto) in local runs and tests. */
@ConfigMapping(prefix = "autopilot.aws")
public interface AwsConfig {
    /** AWS region of the queues and topics, e.g. {@code eu-west-1}. Required. */
    String region();

    /** Endpoint of an AWS emulator (e.g. {@code http://127.0.0.1:5000}); unset in AWS. */
    Optional<URI> endpointOverride();
}
