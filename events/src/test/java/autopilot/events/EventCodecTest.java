package autopilot.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventCodecTest {

    private final EventCodec codec = new EventCodec();

    private String json(EventType type) {
        return codec.encode(EventEnvelope.create("c1", "test", SampleEvents.of(type), SampleEvents.CLOCK));
    }

    private ObjectNode tree(EventType type) throws Exception {
        return (ObjectNode) codec.mapper().readTree(json(type));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventTypeRoundTripsThroughItsSchema(EventType type) {
        EventEnvelope<?> original = EventEnvelope.create("c1", "test", SampleEvents.of(type), SampleEvents.CLOCK);
        EventEnvelope<?> decoded = codec.decode(codec.encode(original));
        assertThat(decoded).isEqualTo(original);
        assertThat(decoded.payload()).isInstanceOf(type.payloadType());
    }

    @Test
    void timesAreWrittenAsIso8601() {
        assertThat(json(EventType.FINDING_RAISED)).contains("\"occurredAt\":\"2026-11-24T02:15:00Z\"");
    }

    @Test
    void malformedJsonIsRejectedAsMalformed() {
        assertThatThrownBy(() -> codec.decode("{\"eventType\": \"FindingRaised\""))
                .isInstanceOf(EventDecodingException.Malformed.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> codec.decode("[1,2]"))
                .isInstanceOf(EventDecodingException.Malformed.class).hasMessageContaining("found array");
        assertThatThrownBy(() -> codec.decode(" "))
                .isInstanceOf(EventDecodingException.Malformed.class).hasMessageContaining("empty");
    }

    @Test
    void missingRequiredFieldIsNamed() throws Exception {
        ObjectNode event = tree(EventType.FINDING_RAISED);
        ((ObjectNode) event.get("payload").get("finding")).remove("fingerprint");
        assertThatThrownBy(() -> codec.decode(event.toString()))
                .isInstanceOfSatisfying(EventDecodingException.Invalid.class,
                        e -> assertThat(e.violations()).anyMatch(v -> v.contains("fingerprint")));
    }

    @Test
    void missingEnvelopeFieldIsNamed() throws Exception {
        ObjectNode event = tree(EventType.MAINTENANCE_REQUESTED);
        event.remove("clusterId");
        assertThatThrownBy(() -> codec.decode(event.toString()))
                .isInstanceOf(EventDecodingException.Invalid.class)
                .hasMessageContaining("clusterId");
    }

    @Test
    void wrongTypeIsRejected() throws Exception {
        ObjectNode event = tree(EventType.MAINTENANCE_REQUESTED);
        ((ObjectNode) event.get("payload")).put("priority", "high");
        assertThatThrownBy(() -> codec.decode(event.toString()))
                .isInstanceOf(EventDecodingException.Invalid.class)
                .hasMessageContaining("priority");
    }

    @Test
    void nullWhereRequiredIsRejected() throws Exception {
        ObjectNode event = tree(EventType.FINDING_RAISED);
        ((ObjectNode) event.get("payload").get("finding")).putNull("severity");
        assertThatThrownBy(() -> codec.decode(event.toString())).isInstanceOf(EventDecodingException.Invalid.class)
                .hasMessageContaining("severity");
    }

    @Test
    void unknownSchemaVersionIsRejectedWithAdvice() throws Exception {
        ObjectNode event = tree(EventType.FINDING_RAISED);
        event.put("schemaVersion", 99);
        assertThatThrownBy(() -> codec.decode(event.toString()))
                .isInstanceOf(EventDecodingException.UnsupportedSchemaVersion.class)
                .hasMessageContaining("schemaVersion 99").hasMessageContaining("upgrade");
    }

    @Test
    void unknownEventTypeIsRejected() throws Exception {
        ObjectNode event = tree(EventType.FINDING_RAISED);
        event.put("eventType", "FindingExploded");
        assertThatThrownBy(() -> codec.decode(event.toString()))
                .isInstanceOf(EventDecodingException.UnknownEventType.class)
                .hasMessageContaining("FindingExploded");
    }

    @Test
    void unknownExtraFieldsAreTolerated() throws Exception {
        ObjectNode event = tree(EventType.MAINTENANCE_REQUESTED);
        event.put("traceparent", "00-abc");
        ((ObjectNode) event.get("payload")).put("addedInAFutureVersion", true);
        EventEnvelope<MaintenanceRequested> decoded = codec.decode(event.toString(), MaintenanceRequested.class);
        assertThat(decoded.payload().workItemId()).isEqualTo("wi-1");
    }

    @Test
    void eventOnTheWrongChannelIsRejected() {
        assertThatThrownBy(() -> codec.decode(json(EventType.PAGE_SENT), MaintenanceRequested.class))
                .isInstanceOf(EventDecodingException.UnknownEventType.class)
                .hasMessageContaining("expected eventType MaintenanceRequested but found PageSent");
    }

    @Test
    void envelopeRejectsMismatchedType() {
        assertThatThrownBy(() -> new EventEnvelope<>(java.util.UUID.randomUUID(), "FindingRaised", 1,
                SampleEvents.T, "c1", "test", SampleEvents.of(EventType.PAGE_SENT)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
