// Converts JS values handed to the fake Apigee host into plain Java values (JVM side of the Apigee emulator).
package fake.apigee;

import org.mozilla.javascript.Context;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.Undefined;
import org.mozilla.javascript.Wrapper;

final class Values {
    private Values() {
    }

    /** JS strings, numbers, booleans as Java ones; wrapped Java objects unwrapped; other objects as their String. */
    static Object toJava(Object value) {
        if (value == null || value instanceof Undefined) {
            return null;
        }
        if (value instanceof Wrapper) {
            return ((Wrapper) value).unwrap();
        }
        if (value instanceof CharSequence) {
            return value.toString();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Scriptable) {
            return Context.toString(value);
        }
        return value;
    }
}
