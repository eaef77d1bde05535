package autopilot.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

@ExtendWith(MotoExtension.class)
class MotoHarnessTest {

    @Test
    void provisioningTwiceChangesNothing(Moto moto) {
        AwsTopology.Provisioned again = AwsTopology.forTests().provision(moto.clients().sqs(), moto.clients().sns());
        assertThat(again).isEqualTo(moto.topology());
        assertThat(moto.clients().sns().listSubscriptionsByTopic(b -> b.topicArn(again.recommendationsArn()))
                .subscriptions()).hasSize(1);
    }

    @Test
    void workQueueIsFifoWithARedriveToItsFifoDlq(Moto moto) throws Exception {
        Map<QueueAttributeName, String> attributes = moto.clients().sqs().getQueueAttributes(b -> b
                .queueUrl(moto.topology().maintenanceWorkUrl()).attributeNames(QueueAttributeName.ALL)).attributes();
        assertThat(attributes.get(QueueAttributeName.FIFO_QUEUE)).isEqualTo("true");
        var redrive = new com.fasterxml.jackson.databind.ObjectMapper().readTree(attributes.get(QueueAttributeName.REDRIVE_POLICY));
        assertThat(redrive.get("deadLetterTargetArn").asText()).endsWith(":autopilot-maintenance-work-dlq.fifo");
        assertThat(redrive.get("maxReceiveCount").asInt()).isEqualTo(2);
    }

    @Test
    void recommendationsReachTheAlertingInboxRaw(Moto moto) {
        String body = "{\"probe\":\"" + System.nanoTime() + "\"}";
        moto.clients().sns().publish(b -> b.topicArn(moto.topology().recommendationsArn()).message(body));
        assertThat(new QueueProbe(moto.clients().sqs(), moto.topology().alertingInboxUrl())
                .awaitMessage(m -> m.body().equals(body), Duration.ofSeconds(10))).isPresent();
    }

    @Test
    void missingMotoServerSaysHowToInstallIt() {
        assertThatThrownBy(() -> MotoServer.findExecutable(null, "/nonexistent"))
                .hasMessageContaining("pip install 'moto[server]'");
    }
}
