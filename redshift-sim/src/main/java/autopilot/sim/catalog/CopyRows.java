package autopilot.sim.catalog;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Rows for one relation in PostgreSQL's COPY text format, sent with {@code COPY ... FROM STDIN}
 * each time a few megabytes have built up: a fraction of the parse and round-trip work of INSERT
 * batches, and memory stays bounded however many rows a scenario has. Values are rendered exactly
 * as pgjdbc renders the same Java values as statement parameters, so a row reads back identically.
 */
final class CopyRows {

    private static final int FLUSH_BYTES = 4 << 20;
    /** What pgjdbc does with a double bound to a numeric column: float8, which the server casts with 15 digits. */
    private static final MathContext FLOAT8_TO_NUMERIC = new MathContext(15, RoundingMode.HALF_EVEN);
    private static final byte[] NULL = {'\\', 'N'};

    private final CopyManager copy;
    private final String sql;
    /** Grows up to a little over FLUSH_BYTES: small scenarios never allocate the full size. */
    private byte[] buffer = new byte[64 << 10];
    private int length;
    private boolean rowStarted;
    private long lastEpochSecond = Long.MIN_VALUE;
    private int lastNano;
    private final byte[] lastTimestamp = new byte[32];
    private int lastTimestampLength;

    CopyRows(Connection db, String table, String columns) throws SQLException {
        this.copy = db.unwrap(PGConnection.class).getCopyAPI();
        this.sql = "COPY " + table + " (" + columns + ") FROM STDIN";
    }

    CopyRows text(String value) {
        if (value == null) {
            return nul();
        }
        separate();
        ensure(value.length() * 2);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                // Rare: escape the rest as characters and let the JDK encode it as UTF-8.
                appendUtf8(value.substring(i));
                return this;
            }
            switch (c) {
                case '\\' -> put2('\\', '\\');
                case '\t' -> put2('\\', 't');
                case '\n' -> put2('\\', 'n');
                case '\r' -> put2('\\', 'r');
                default -> buffer[length++] = (byte) c;
            }
        }
        return this;
    }

    CopyRows number(long value) {
        separate();
        ensure(20);
        if (value >= 0 && value < 10) {
            buffer[length++] = (byte) ('0' + value);
        } else {
            appendAscii(Long.toString(value));
        }
        return this;
    }

    /** A double into a {@code double precision} column: the shortest decimal that reads back as the same double. */
    CopyRows float8(double value) {
        separate();
        appendAscii(Double.toString(value));
        return this;
    }

    /** A double into a {@code numeric} column, rounded the way the server casts a float8 parameter. */
    CopyRows decimal(double value) {
        separate();
        appendAscii(new BigDecimal(value).round(FLOAT8_TO_NUMERIC).toPlainString());
        return this;
    }

    CopyRows bool(boolean value) {
        separate();
        ensure(1);
        buffer[length++] = (byte) (value ? 't' : 'f');
        return this;
    }

    /**
     * An instant into a {@code timestamp} (without time zone) column as its UTC wall-clock time,
     * rounded half up to microseconds like pgjdbc rounds a {@link java.sql.Timestamp}.
     */
    CopyRows timestamp(Instant value) {
        if (value == null) {
            return nul();
        }
        separate();
        if (value.getEpochSecond() != lastEpochSecond || value.getNano() != lastNano) {
            // Scans write the same few instants once per slice: format each once.
            lastEpochSecond = value.getEpochSecond();
            lastNano = value.getNano();
            lastTimestampLength = formatTimestamp(value, lastTimestamp);
        }
        ensure(lastTimestampLength);
        System.arraycopy(lastTimestamp, 0, buffer, length, lastTimestampLength);
        length += lastTimestampLength;
        return this;
    }

    CopyRows nul() {
        separate();
        ensure(2);
        buffer[length++] = NULL[0];
        buffer[length++] = NULL[1];
        return this;
    }

    /** Ends the row; sends what has built up once it is large enough. */
    void endRow() throws SQLException {
        ensure(1);
        buffer[length++] = '\n';
        rowStarted = false;
        if (length >= FLUSH_BYTES) {
            flush();
        }
    }

    /** Sends the rows not sent yet. */
    void flush() throws SQLException {
        if (length == 0) {
            return;
        }
        CopyIn in = copy.copyIn(sql);
        try {
            in.writeToCopy(buffer, 0, length);
            in.endCopy();
        } catch (SQLException | RuntimeException e) {
            cancel(in, e);
            throw e;
        }
        length = 0;
    }

    private static void cancel(CopyIn in, Exception failure) {
        if (in.isActive()) {
            try {
                in.cancelCopy();
            } catch (SQLException e) {
                failure.addSuppressed(e);
            }
        }
    }

    private void separate() {
        if (rowStarted) {
            ensure(1);
            buffer[length++] = '\t';
        }
        rowStarted = true;
    }

    private void put2(char a, char b) {
        buffer[length++] = (byte) a;
        buffer[length++] = (byte) b;
    }

    private void appendAscii(String ascii) {
        ensure(ascii.length());
        for (int i = 0; i < ascii.length(); i++) {
            buffer[length++] = (byte) ascii.charAt(i);
        }
    }

    private void appendUtf8(String rest) {
        String escaped = rest.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
        byte[] bytes = escaped.getBytes(StandardCharsets.UTF_8);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }

    private static int formatTimestamp(Instant value, byte[] out) {
        long micros = (value.getNano() + 500) / 1000;
        long seconds = value.getEpochSecond() + micros / 1_000_000;
        micros %= 1_000_000;
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        if (t.getYear() < 1000 || t.getYear() > 9999) {
            throw new IllegalArgumentException("timestamp out of the simulator's range: " + value);
        }
        int n = 0;
        n = digits(out, n, t.getYear(), 4);
        out[n++] = '-';
        n = digits(out, n, t.getMonthValue(), 2);
        out[n++] = '-';
        n = digits(out, n, t.getDayOfMonth(), 2);
        out[n++] = ' ';
        n = digits(out, n, t.getHour(), 2);
        out[n++] = ':';
        n = digits(out, n, t.getMinute(), 2);
        out[n++] = ':';
        n = digits(out, n, t.getSecond(), 2);
        if (micros > 0) {
            out[n++] = '.';
            n = digits(out, n, micros, 6);
        }
        return n;
    }

    private static int digits(byte[] out, int at, long value, int width) {
        for (int i = width - 1; i >= 0; i--) {
            out[at + i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }
}
