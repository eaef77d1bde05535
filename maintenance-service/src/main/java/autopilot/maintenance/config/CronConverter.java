package autopilot.maintenance.config;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import org.eclipse.microprofile.config.spi.Converter;

/** A Unix cron expression, checked when configuration loads (a bad one stops start-up naming its key). */
public class CronConverter implements Converter<Cron> {

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    @Override
    public Cron convert(String value) {
        try {
            return PARSER.parse(value.trim()).validate();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected a Unix cron expression (minute hour day-of-month month day-of-week), found '"
                    + value + "': " + e.getMessage(), e);
        }
    }
}
