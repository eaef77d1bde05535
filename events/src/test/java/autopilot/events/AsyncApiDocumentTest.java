package autopilot.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class AsyncApiDocumentTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> document() throws Exception {
        try (InputStream in = AsyncApiDocumentTest.class.getResourceAsStream("/autopilot/events/asyncapi.yaml")) {
            return new Yaml().load(in);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyEventTypeIsDescribedWithItsGeneratedSchema() throws Exception {
        Map<String, Object> messages = (Map<String, Object>) ((Map<String, Object>) document().get("components")).get("messages");
        for (EventType type : EventType.values()) {
            Map<String, Object> message = (Map<String, Object>) messages.get(type.typeName());
            assertThat(message).as("message %s", type.typeName()).isNotNull();
            String ref = (String) ((Map<String, Object>) message.get("payload")).get("$ref");
            String resource = "/autopilot/events/" + ref.substring(2);
            assertThat(resource).isEqualTo(type.schemaResource(type.schemaVersion()));
            assertThat(AsyncApiDocumentTest.class.getResource(resource)).as(resource).isNotNull();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void channelsOfTheArchitectureAreAllThere() throws Exception {
        Map<String, Object> channels = (Map<String, Object>) document().get("channels");
        assertThat(channels.keySet()).containsExactlyInAnyOrder(Channels.SNAPSHOTS, Channels.RECOMMENDATIONS,
                Channels.ALERTING_INBOX, Channels.MAINTENANCE_WORK, Channels.PAGES);
        Map<String, Object> fifo = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                ((Map<String, Object>) channels.get(Channels.MAINTENANCE_WORK)).get("bindings")).get("sqs")).get("queue");
        assertThat(fifo.get("fifoQueue")).isEqualTo(true);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyOperationPointsAtAChannel() throws Exception {
        Map<String, Object> doc = document();
        Set<String> channels = ((Map<String, Object>) doc.get("channels")).keySet();
        List<String> targets = ((Map<String, Object>) doc.get("operations")).values().stream()
                .map(op -> (String) ((Map<String, Object>) ((Map<String, Object>) op).get("channel")).get("$ref"))
                .map(ref -> ref.substring("#/channels/".length())).collect(Collectors.toList());
        assertThat(channels).containsAll(targets);
        assertThat(targets).containsAll(channels);
    }
}
