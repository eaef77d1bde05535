package autopilot.sim.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * Disk a simulated cluster occupies: the scenario database as PostgreSQL counts it, and the whole
 * data directory (every database, the catalogs, and the write-ahead log in pg_wal).
 */
record DiskUsage(long databaseBytes, long dataDirectoryBytes, long walBytes, Path dataDirectory) {

    /** Measures through a superuser connection to the scenario database (the data directory is on this machine). */
    static DiskUsage of(Connection superuser) throws SQLException {
        long database;
        Path dir;
        try (Statement st = superuser.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_database_size(current_database()), current_setting('data_directory')")) {
            rs.next();
            database = rs.getLong(1);
            dir = Path.of(rs.getString(2));
        }
        return new DiskUsage(database, size(dir), size(dir.resolve("pg_wal")), dir);
    }

    String describe() {
        return String.format(Locale.ROOT, "database %s (pg_database_size), data directory %s of which WAL %s (%s)",
                human(databaseBytes), human(dataDirectoryBytes), human(walBytes), dataDirectory);
    }

    static String human(long bytes) {
        if (bytes < 1 << 20) {
            return String.format(Locale.ROOT, "%.1f kB", bytes / 1024.0);
        }
        if (bytes < 1L << 30) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1 << 20));
        }
        return String.format(Locale.ROOT, "%.2f GB", bytes / (double) (1L << 30));
    }

    private static long size(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        long[] total = {0};
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    total[0] += attributes.isRegularFile() ? attributes.size() : 0;
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    // PostgreSQL removes temporary files and recycles WAL segments while we walk.
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return total[0];
    }
}
