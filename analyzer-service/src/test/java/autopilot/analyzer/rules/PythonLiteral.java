package autopilot.analyzer.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the output of Python's pprint: dicts, lists, tuples, strings (with adjacent literals
 * joined, as pprint splits long ones), integers, floats, True/False/None and calls such as
 * {@code datetime.timedelta(seconds=9, microseconds=207733)} or {@code tzutc()}, kept as
 * {@link Call}s. Enough for the AQUA paper's raw dump; not a Python parser.
 */
final class PythonLiteral {

    /** A constructor call as pprint writes objects it has no literal for. */
    record Call(String function, List<Object> args, Map<String, Object> kwargs) {

        /** A {@code datetime.timedelta(...)} as a Duration. */
        Duration duration() {
            if (!function.equals("datetime.timedelta")) throw new IllegalStateException("not a timedelta: " + this);
            long days = ((Number) kwargs.getOrDefault("days", 0L)).longValue();
            long seconds = ((Number) kwargs.getOrDefault("seconds", 0L)).longValue();
            long micros = ((Number) kwargs.getOrDefault("microseconds", 0L)).longValue();
            return Duration.ofDays(days).plusSeconds(seconds).plusNanos(micros * 1000);
        }
    }

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    private final String text;
    private int pos;

    private PythonLiteral(String text, int pos) {
        this.text = text;
        this.pos = pos;
    }

    /** Every top-level dict of a text: literals that start a line with '{', prose between them skipped. */
    static List<Object> dicts(String text) {
        List<Object> found = new ArrayList<>();
        int at = 0;
        while (true) {
            int start = text.startsWith("{", at) ? at : text.indexOf("\n{", at);
            if (start < 0) return found;
            if (text.charAt(start) == '\n') start++;
            PythonLiteral parser = new PythonLiteral(text, start);
            found.add(parser.value());
            at = parser.pos;
        }
    }

    static Object parse(String text) {
        PythonLiteral parser = new PythonLiteral(text, 0);
        Object value = parser.value();
        parser.space();
        if (parser.pos != text.length()) throw parser.error("end of text");
        return value;
    }

    private Object value() {
        space();
        if (pos >= text.length()) throw error("a value");
        char c = text.charAt(pos);
        if (c == '{') return dict();
        if (c == '[') return sequence('[', ']');
        if (c == '(') return sequence('(', ')');
        if (c == '\'' || c == '"') return string();
        if (c == '-' || Character.isDigit(c)) return number();
        if (Character.isLetter(c) || c == '_') return nameOrCall();
        throw error("a value");
    }

    private Map<Object, Object> dict() {
        Map<Object, Object> map = new LinkedHashMap<>();
        expect('{');
        while (!peek('}')) {
            Object key = value();
            expect(':');
            map.put(key, value());
            if (!peek('}')) expect(',');
        }
        expect('}');
        return map;
    }

    private List<Object> sequence(char open, char close) {
        List<Object> list = new ArrayList<>();
        expect(open);
        while (!peek(close)) {
            list.add(value());
            if (!peek(close)) expect(',');
        }
        expect(close);
        return list;
    }

    private String string() {
        StringBuilder sb = new StringBuilder();
        do {
            char quote = text.charAt(pos++);
            while (text.charAt(pos) != quote) {
                char c = text.charAt(pos++);
                if (c == '\\') {
                    char e = text.charAt(pos++);
                    sb.append(switch (e) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        default -> e;
                    });
                } else {
                    sb.append(c);
                }
            }
            pos++;
            space();
        } while (pos < text.length() && (text.charAt(pos) == '\'' || text.charAt(pos) == '"'));
        return sb.toString();
    }

    private Number number() {
        Matcher m = NUMBER.matcher(text).region(pos, text.length());
        if (!m.lookingAt()) throw error("a number");
        pos = m.end();
        return m.group(1) != null || m.group(2) != null ? (Number) Double.parseDouble(m.group()) : (Number) Long.parseLong(m.group());
    }

    private Object nameOrCall() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_'
                || text.charAt(pos) == '.')) {
            pos++;
        }
        String name = text.substring(start, pos);
        switch (name) {
            case "True": return Boolean.TRUE;
            case "False": return Boolean.FALSE;
            case "None": return null;
            default: break;
        }
        if (!peek('(')) throw error("'(' after " + name);
        expect('(');
        List<Object> args = new ArrayList<>();
        Map<String, Object> kwargs = new LinkedHashMap<>();
        while (!peek(')')) {
            space();
            int mark = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) pos++;
            if (pos > mark && peek('=')) {
                String key = text.substring(mark, pos);
                expect('=');
                kwargs.put(key, value());
            } else {
                pos = mark;
                args.add(value());
            }
            if (!peek(')')) expect(',');
        }
        expect(')');
        return new Call(name, args, kwargs);
    }

    private void space() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
    }

    private boolean peek(char c) {
        space();
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void expect(char c) {
        if (!peek(c)) throw error("'" + c + "'");
        pos++;
    }

    private IllegalArgumentException error(String expected) {
        int line = (int) text.substring(0, Math.min(pos, text.length())).chars().filter(ch -> ch == '\n').count() + 1;
        return new IllegalArgumentException("expected " + expected + " at line " + line + ": "
                + text.substring(pos, Math.min(text.length(), pos + 40)));
    }
}
