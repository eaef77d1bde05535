package autopilot.maintenance.config;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.eclipse.microprofile.config.spi.Converter;

/** A regular expression over {@code schema.table}, checked when configuration loads. */
public class PatternConverter implements Converter<Pattern> {

    @Override
    public Pattern convert(String value) {
        try {
            return Pattern.compile(value.trim());
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("expected a regular expression over schema.table, found '" + value + "': "
                    + e.getDescription(), e);
        }
    }
}
