package autopilot.deploy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;
import software.amazon.awscdk.services.ecs.ICluster;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * One of the four services as a Fargate service: its own security group (egress only to what it
 * talks to; the Redshift client group comes on top for the services that reach clusters), log group with retention, task definition sized from measurements, a container health
 * check on the service's SmallRye Health liveness endpoint, and a task role that starts empty: the
 * stack grants each role exactly the queues, topics and secrets that service uses.
 */
public final class AutopilotService extends Construct {

    /**
     * What distinguishes one service from another.
     *
     * @param name        service name, also the image repository suffix and log stream prefix
     * @param port        HTTP port ({@code quarkus.http.port} default of the service)
     * @param cpu         Fargate CPU units
     * @param memoryMiB   Fargate memory
     * @param environment plain configuration (names, ARNs, URLs; never credentials)
     * @param secrets     configuration resolved by ECS from Secrets Manager at task start
     */
    public record Spec(String name, int port, int cpu, int memoryMiB, Map<String, String> environment,
                       Map<String, Secret> secrets) {
    }

    private final FargateService service;
    private final int port;
    private final SecurityGroup securityGroup;
    private final FargateTaskDefinition taskDefinition;

    /**
     * @param sharedGroups security groups the tasks carry besides their own (the Redshift client group
     *                     for the services that open database sessions)
     */
    AutopilotService(Construct scope, String id, Spec spec, List<ISecurityGroup> sharedGroups, ICluster cluster, IVpc vpc,
                     SubnetSelection subnets, DeploySettings settings) {
        super(scope, id);
        this.port = spec.port();
        securityGroup = SecurityGroup.Builder.create(this, "SecurityGroup")
                .vpc(vpc)
                .description("Redshift Autopilot " + spec.name() + " tasks")
                .allowAllOutbound(false)
                .build();
        // AWS APIs (SQS, SNS, CloudWatch, Secrets Manager, ECR, Logs) over HTTPS, through a NAT
        // gateway or VPC endpoints; other egress (Redshift, PostgreSQL) is opened per peer.
        securityGroup.addEgressRule(Peer.anyIpv4(), Port.tcp(443), "AWS APIs over HTTPS");

        LogGroup logs = LogGroup.Builder.create(this, "Logs")
                .logGroupName("/redshift-autopilot/" + spec.name())
                .retention(settings.logRetention())
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();

        taskDefinition = FargateTaskDefinition.Builder.create(this, "Task")
                .family("redshift-autopilot-" + spec.name())
                .cpu(spec.cpu())
                .memoryLimitMiB(spec.memoryMiB())
                .build();
        taskDefinition.addContainer("app", ContainerDefinitionOptions.builder()
                .containerName(spec.name())
                .image(ContainerImage.fromEcrRepository(
                        Repository.fromRepositoryName(this, "Repository", settings.imageRepositoryPrefix() + spec.name()),
                        settings.imageTag()))
                .environment(spec.environment())
                .secrets(spec.secrets())
                .portMappings(List.of(PortMapping.builder().containerPort(spec.port()).build()))
                .logging(LogDriver.awsLogs(AwsLogDriverProps.builder().logGroup(logs).streamPrefix(spec.name()).build()))
                // Liveness, not readiness: readiness is DOWN while a queue does not answer, and a
                // short AWS hiccup should not make ECS replace every task.
                .healthCheck(HealthCheck.builder()
                        .command(List.of("CMD-SHELL", "curl -fsS http://localhost:" + spec.port() + "/q/health/live || exit 1"))
                        .interval(Duration.seconds(30))
                        .timeout(Duration.seconds(5))
                        .retries(3)
                        .startPeriod(Duration.seconds(90))
                        .build())
                .build());

        service = FargateService.Builder.create(this, "Service")
                .serviceName(spec.name())
                .cluster(cluster)
                .taskDefinition(taskDefinition)
                .desiredCount(1)
                .vpcSubnets(subnets)
                .securityGroups(Stream.concat(Stream.of(securityGroup), sharedGroups.stream()).toList())
                .assignPublicIp(false)
                .minHealthyPercent(100)
                .maxHealthyPercent(200)
                .circuitBreaker(DeploymentCircuitBreaker.builder().rollback(true).build())
                .build();
    }

    public FargateService service() {
        return service;
    }

    /**
     * Puts the service's tasks (their container port) in a load balancer's target group, without
     * touching any security group (the caller opens exactly the path it wants).
     */
    void register(software.amazon.awscdk.services.elasticloadbalancingv2.IApplicationTargetGroup target) {
        software.amazon.awscdk.services.ecs.CfnService cfn = (software.amazon.awscdk.services.ecs.CfnService) service.getNode().getDefaultChild();
        cfn.setLoadBalancers(List.of(software.amazon.awscdk.services.ecs.CfnService.LoadBalancerProperty.builder()
                .containerName(taskDefinition.getDefaultContainer().getContainerName()).containerPort(port)
                .targetGroupArn(target.getTargetGroupArn()).build()));
        // ECS accepts the target group only once a listener uses it.
        service.getNode().addDependency(target.getLoadBalancerAttached());
    }

    /** The HTTP port the service listens on (API, health, console pages). */
    public int port() {
        return port;
    }

    public SecurityGroup securityGroup() {
        return securityGroup;
    }

    /** The role the service's code runs as; empty until the stack grants it something. */
    public IRole taskRole() {
        return taskDefinition.getTaskRole();
    }
}
