// Rhino configuration of the fake Akana host (JVM side of the Rhino test harness): engine profile, wrapping, class shutter.
package fake.akana;

import fake.jvm.EngineProfiles;
import org.mozilla.javascript.ClassShutter;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.ScriptableObject;

/**
 * Profile "akana-1.7R4" (default) narrows Rhino 1.7.14 towards the oldest engine Akana shipped: Java lists
 * and maps are wrapped as plain Java objects (1.7.14 alone makes them array/object-like, which 1.7R4 did
 * not), and the ES2015 built-ins that 1.7.14 adds at language version 180 are deleted from each fresh
 * scope. Profile "rhino-1.7.14" leaves the engine as it is.
 */
final class RhinoSetup {
    static final String PROFILE_AKANA = "akana-1.7R4";
    static final String PROFILE_RHINO = "rhino-1.7.14";

    private RhinoSetup() {
    }

    /**
     * "default": Akana's default shutter, denying only java.io.File* classes. "allowlist": the operator
     * option (classes directly in java.io, java.lang, java.math, java.text) plus the host's own classes,
     * still without java.io.File*. Rhino applies the shutter to host objects' classes too: under the allow
     * list a java.util.Set from getPropertyNames() cannot be used by a script. "none": no shutter.
     */
    static ClassShutter shutter(String mode) {
        if (mode.equals("none")) {
            return null;
        }
        if (mode.equals("default")) {
            return new ClassShutter() {
                public boolean visibleToScripts(String name) {
                    return !name.startsWith("java.io.File");
                }
            };
        }
        if (mode.equals("allowlist")) {
            return new ClassShutter() {
                public boolean visibleToScripts(String name) {
                    if (name.startsWith("java.io.File")) {
                        return false; // the default denial is assumed to hold under the allow list too
                    }
                    return name.startsWith("com.soa.") || name.startsWith("com.digev.") || name.startsWith("fake.akana.")
                            || directlyIn(name, "java.io") || directlyIn(name, "java.lang")
                            || directlyIn(name, "java.math") || directlyIn(name, "java.text");
                }
            };
        }
        throw new IllegalArgumentException("classShutter must be default, allowlist or none: " + mode);
    }

    // "java.lang.String" is in java.lang; "java.lang.reflect.Array" is not.
    private static boolean directlyIn(String className, String pkg) {
        return className.startsWith(pkg + ".") && className.indexOf('.', pkg.length() + 1) < 0;
    }

    static void configure(Context cx, String profile, int optimizationLevel, String shutterMode) {
        cx.setLanguageVersion(Context.VERSION_1_8);
        cx.setOptimizationLevel(optimizationLevel);
        if (profile.equals(PROFILE_AKANA)) {
            cx.setWrapFactory(new EngineProfiles.LegacyWrapFactory());
        } else if (!profile.equals(PROFILE_RHINO)) {
            throw new IllegalArgumentException("profile must be " + PROFILE_AKANA + " or " + PROFILE_RHINO + ": " + profile);
        }
        ClassShutter s = shutter(shutterMode);
        if (s != null) {
            cx.setClassShutter(s);
        }
    }

    /** A fresh top-level scope for one policy execution. */
    static ScriptableObject freshScope(Context cx, String profile) {
        ScriptableObject scope = cx.initStandardObjects();
        if (profile.equals(PROFILE_AKANA)) {
            EngineProfiles.deleteNewerBuiltins(scope);
        }
        return scope;
    }
}
