package autopilot.analyzer.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * A mergeable distribution of durations in milliseconds (HdrHistogram, 3 significant digits, up
 * to 10 days), so p50/p95 per queue and hour survive being stored and added up across hours
 * without keeping every query. Serialised as compressed Base64.
 */
public final class Waits {

    private static final long MAX_MS = 10L * 24 * 3600 * 1000;
    private final Histogram histogram;

    public Waits() {
        this(new Histogram(3));
    }

    /**
     * Counts grow to the longest duration recorded rather than to {@link #MAX_MS} up front: the same
     * buckets (1 ms, 3 digits), but a queue whose waits stay within seconds needs a tenth of the
     * 170 KB a full range takes, and a day of hours holds some 175 of these.
     */
    private Waits(Histogram histogram) {
        histogram.setAutoResize(true);
        this.histogram = histogram;
    }

    public void record(double millis) {
        histogram.recordValue(Math.max(1, Math.min(MAX_MS, Math.round(millis))));
    }

    public void add(Waits other) {
        histogram.add(other.histogram);
    }

    public long count() {
        return histogram.getTotalCount();
    }

    /** The value at a percentile (0-100), in ms; 0 when empty. Values under 1 ms read as 1. */
    public double percentile(double p) {
        return count() == 0 ? 0 : histogram.lowestEquivalentValue(histogram.getValueAtPercentile(p));
    }

    /** How many recorded values exceed {@code millis} (to the histogram's precision). */
    public long countAbove(double millis) {
        long at = Math.max(1, Math.round(millis));
        return count() == 0 || at >= histogram.getMaxValue() ? 0 : histogram.getCountBetweenValues(histogram.nextNonEquivalentValue(at), Long.MAX_VALUE);
    }

    public double max() {
        return count() == 0 ? 0 : histogram.getMaxValue();
    }

    @JsonValue
    public String encoded() {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
    }

    @JsonCreator
    public static Waits decode(String encoded) {
        try {
            return new Waits(Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(encoded)), 1));
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("stored wait histogram is corrupt: " + e.getMessage(), e);
        }
    }
}
