package autopilot.runtime.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import autopilot.events.ClusterHealthReported;
import autopilot.events.EventCodec;
import autopilot.events.EventDecodingException;
import autopilot.events.EventEnvelope;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MessageIntakeTest {

    private final EventCodec codec = new EventCodec();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MessageIntake intake = new MessageIntake(codec, registry);

    @Test
    void aDecodedEventIsHandedOverAndCountedByChannelAndType() {
        String body = codec.encode(EventEnvelope.create("prod", "test", new ClusterHealthReported(UUID.randomUUID(),
                Instant.parse("2026-12-07T09:00:00Z"), null, null, null, null, null, Map.of(), null,
                null, null, null, null, null, null, null, null, null, null, null, null), Clock.systemUTC()));
        List<String> handled = new ArrayList<>();

        intake.accept("snapshots", body, event -> handled.add(event.clusterId()));

        assertThat(handled).containsExactly("prod");
        assertThat(registry.counter("autopilot.events.consumed", "channel", "snapshots", "event_type", "ClusterHealthReported")
                .count()).isEqualTo(1.0);
    }

    @Test
    void anUndecodableBodyIsCountedWithItsReasonRethrownAndNeverHandled() {
        List<String> handled = new ArrayList<>();

        assertThatThrownBy(() -> intake.accept("snapshots", "{not json", event -> handled.add(event.clusterId())))
                .isInstanceOf(EventDecodingException.class);

        assertThat(handled).isEmpty();
        assertThat(registry.find("autopilot.events.rejected").tag("channel", "snapshots").counter()).isNotNull()
                .satisfies(c -> assertThat(c.count()).isEqualTo(1.0));
        assertThat(registry.find("autopilot.events.consumed").counter()).isNull();
    }
}
