package autopilot.deploy;

import java.util.List;

/** The deployment's parameters are missing or invalid; the message names every offending context key. */
public class InvalidDeploySettingsException extends IllegalArgumentException {

    private final List<String> problems;

    InvalidDeploySettingsException(List<String> problems) {
        super("invalid deployment parameters (pass them as CDK context, e.g. cdk synth -c key=value):\n  - "
                + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One line per problem, each starting with its context key. */
    public List<String> problems() {
        return problems;
    }
}
