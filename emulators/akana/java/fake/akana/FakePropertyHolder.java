// Property bag shared by the fake Akana exchange and message (JVM side of the Rhino test harness).
package fake.akana;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** getProperty / setProperty / getPropertyNames as Akana's Exchange and Message both declare them. */
abstract class FakePropertyHolder {
    /** Insertion order kept, so snapshots list properties as the script set them. */
    protected final Map<String, Object> properties = new LinkedHashMap<String, Object>();

    public Object getProperty(String name) {
        return properties.get(name);
    }

    /** Setting null removes the property (an assumption: Akana does not document it). */
    public void setProperty(String name, Object property) {
        if (property == null) {
            properties.remove(name);
        } else {
            properties.put(name, property);
        }
    }

    /** A live view: removing a name removes the property, as the policy relies on. */
    @SuppressWarnings("rawtypes")
    public Set getPropertyNames() {
        return properties.keySet();
    }
}
