package autopilot.maintenance.window;

import autopilot.maintenance.config.CronConverter;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A maintenance window written in a tag, in UTC: daily {@code hh:mm-hh:mm} (e.g. {@code 02:00-05:00};
 * an end before the start runs past midnight) or weekly {@code ddd:hh:mm-ddd:hh:mm}, the format of
 * Redshift's own PreferredMaintenanceWindow (e.g. {@code sun:02:00-sun:05:00}). Tag values cannot
 * hold a cron expression ({@code *} is not allowed in AWS tag values), hence this form.
 */
public final class TagWindow {

    private static final Pattern DAILY = Pattern.compile("(\\d{1,2}):(\\d{2})-(\\d{1,2}):(\\d{2})");
    private static final Pattern WEEKLY = Pattern.compile("([a-z]{3}):(\\d{1,2}):(\\d{2})-([a-z]{3}):(\\d{1,2}):(\\d{2})");
    private static final String[] DAYS = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

    private TagWindow() {
    }

    /** @throws IllegalArgumentException saying which forms are accepted */
    public static MaintenanceWindow parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        Matcher daily = DAILY.matcher(v);
        if (daily.matches()) {
            LocalTime start = time(daily.group(1), daily.group(2), value);
            LocalTime end = time(daily.group(3), daily.group(4), value);
            Duration length = Duration.between(start, end);
            if (length.isNegative() || length.isZero()) {
                length = length.plusDays(1);
            }
            return window(start.getMinute() + " " + start.getHour() + " * * *", length);
        }
        Matcher weekly = WEEKLY.matcher(v);
        if (weekly.matches()) {
            DayOfWeek startDay = day(weekly.group(1), value);
            DayOfWeek endDay = day(weekly.group(4), value);
            LocalTime start = time(weekly.group(2), weekly.group(3), value);
            LocalTime end = time(weekly.group(5), weekly.group(6), value);
            long minutes = (endDay.getValue() - startDay.getValue()) * 1440L + (end.toSecondOfDay() - start.toSecondOfDay()) / 60;
            if (minutes <= 0) {
                minutes += 7 * 1440;
            }
            // Unix cron counts days of the week from Sunday = 0.
            return window(start.getMinute() + " " + start.getHour() + " * * " + (startDay.getValue() % 7), Duration.ofMinutes(minutes));
        }
        throw new IllegalArgumentException("'" + value + "' is neither hh:mm-hh:mm (daily, UTC) nor ddd:hh:mm-ddd:hh:mm (weekly, UTC)");
    }

    private static MaintenanceWindow window(String cron, Duration length) {
        return new MaintenanceWindow(new CronConverter().convert(cron), length, ZoneOffset.UTC);
    }

    private static LocalTime time(String hour, String minute, String value) {
        int h = Integer.parseInt(hour);
        int m = Integer.parseInt(minute);
        if (h > 23 || m > 59) {
            throw new IllegalArgumentException("'" + value + "' has a time outside 00:00-23:59");
        }
        return LocalTime.of(h, m);
    }

    private static DayOfWeek day(String name, String value) {
        for (int i = 0; i < DAYS.length; i++) {
            if (DAYS[i].equals(name)) {
                return DayOfWeek.of(i + 1);
            }
        }
        throw new IllegalArgumentException("'" + value + "' names no day (mon, tue, wed, thu, fri, sat, sun)");
    }
}
