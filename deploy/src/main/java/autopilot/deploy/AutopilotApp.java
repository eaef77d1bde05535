package autopilot.deploy;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app: one {@link AutopilotStack} named {@code RedshiftAutopilot} (override with
 * {@code -c stackName=...}) in the account and region of the CLI's credentials
 * ({@code CDK_DEFAULT_ACCOUNT}/{@code CDK_DEFAULT_REGION}), parameters from CDK context.
 */
public final class AutopilotApp {

    private AutopilotApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        DeploySettings settings;
        try {
            settings = DeploySettings.fromContext(app.getNode()::tryGetContext);
        } catch (InvalidDeploySettingsException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Object stackName = app.getNode().tryGetContext("stackName");
        new AutopilotStack(app, stackName == null ? "RedshiftAutopilot" : stackName.toString(), StackProps.builder()
                .env(Environment.builder()
                        .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
                        .region(System.getenv("CDK_DEFAULT_REGION"))
                        .build())
                .description("Redshift Autopilot: collector, analyzer, maintenance and alerting services on ECS Fargate")
                .build(), settings);
        app.synth();
    }
}
