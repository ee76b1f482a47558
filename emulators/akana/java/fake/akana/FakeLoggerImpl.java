// Fake Akana `auditLog`/`systemLog` (JVM side of the Rhino test harness): records every line it would write.
package fake.akana;

import com.soa.message.script.Logger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

class FakeLoggerImpl implements Logger {
    static final int DEBUG = 0;
    static final int WARN = 1;
    static final int ERROR = 2;
    static final int OFF = 3;

    private final String variable;
    private final int threshold;
    private final List<Object> sink;

    FakeLoggerImpl(String variable, int threshold, List<Object> sink) {
        this.variable = variable;
        this.threshold = threshold;
        this.sink = sink;
    }

    static int level(String name) {
        if (name == null || name.equals("debug")) {
            return DEBUG;
        }
        if (name.equals("warn")) {
            return WARN;
        }
        if (name.equals("error")) {
            return ERROR;
        }
        if (name.equals("off")) {
            return OFF;
        }
        throw new IllegalArgumentException("log level must be debug, warn, error or off: " + name);
    }

    public void debug(String text) {
        write(DEBUG, "debug", text);
    }

    public void warn(String text) {
        write(WARN, "warn", text);
    }

    public void error(String text) {
        write(ERROR, "error", text);
    }

    public boolean isDebugEnabled() {
        return threshold <= DEBUG;
    }

    public boolean isWarnEnabled() {
        return threshold <= WARN;
    }

    public boolean isErrorEnabled() {
        return threshold <= ERROR;
    }

    // Lines below the threshold are dropped, as a real logger would.
    private void write(int level, String levelName, String text) {
        if (level < threshold) {
            return;
        }
        Map<String, Object> line = new LinkedHashMap<String, Object>();
        line.put("logger", variable);
        line.put("level", levelName);
        line.put("text", text);
        sink.add(line);
    }
}
