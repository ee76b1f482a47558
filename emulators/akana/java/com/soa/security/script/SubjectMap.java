// Fake of Akana's SubjectMap (JVM side of the Rhino test harness): subject category URI -> Subject, live.
package com.soa.security.script;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Akana documents no constructor; the public one lets the fake host build maps. */
public class SubjectMap {
    private final Map<String, Subject> subjects = new LinkedHashMap<String, Subject>();

    public SubjectMap() {
    }

    /** The subject for a category, or null. */
    public Subject get(String category) {
        return subjects.get(category);
    }

    public Subject put(String category, Subject subject) {
        subjects.put(category, subject);
        return subject;
    }

    public Subject remove(String category) {
        return subjects.remove(category);
    }

    public Subject delete(String category) {
        return subjects.remove(category);
    }

    public boolean containsKey(String category) {
        return subjects.containsKey(category);
    }

    public boolean has(String category) {
        return subjects.containsKey(category);
    }

    /** Live, modifiable set of categories. */
    public Set<String> keySet() {
        return subjects.keySet();
    }

    public int size() {
        return subjects.size();
    }

    public int length() {
        return subjects.size();
    }

    public boolean isEmpty() {
        return subjects.isEmpty();
    }

    public void clear() {
        subjects.clear();
    }
}
