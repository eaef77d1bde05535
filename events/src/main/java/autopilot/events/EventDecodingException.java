package autopilot.events;

/**
 * A message could not be turned into an event. The message says what was expected, what was
 * found and what to do; consumers log it and let the message go to the dead-letter queue.
 */
public sealed class EventDecodingException extends RuntimeException
        permits EventDecodingException.Malformed, EventDecodingException.UnknownEventType,
        EventDecodingException.UnsupportedSchemaVersion, EventDecodingException.Invalid {

    private EventDecodingException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Not JSON at all, or not a JSON object. */
    public static final class Malformed extends EventDecodingException {
        Malformed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** {@code eventType} is missing or names no known event. */
    public static final class UnknownEventType extends EventDecodingException {
        UnknownEventType(String message) {
            super(message, null);
        }
    }

    /** {@code schemaVersion} is missing or not one this build can read. */
    public static final class UnsupportedSchemaVersion extends EventDecodingException {
        UnsupportedSchemaVersion(String message) {
            super(message, null);
        }
    }

    /** Valid JSON of a known type that breaks its schema (missing field, wrong type, ...). */
    public static final class Invalid extends EventDecodingException {
        private final java.util.List<String> violations;

        Invalid(String message, java.util.List<String> violations, Throwable cause) {
            super(message, cause);
            this.violations = java.util.List.copyOf(violations);
        }

        /** Each schema violation, with its JSON path. */
        public java.util.List<String> violations() {
            return violations;
        }
    }
}
