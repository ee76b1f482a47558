// Rhino configuration of the fake Akana host (JVM side of the Rhino test harness): engine profile, wrapping, class shutter.
package fake.akana;

import org.mozilla.javascript.ClassShutter;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.NativeJavaObject;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.mozilla.javascript.WrapFactory;

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

    /** Rhino 1.7R4's WrapFactory.wrapAsJavaObject, without 1.7.14's NativeJavaList/NativeJavaMap. */
    static final class LegacyWrapFactory extends WrapFactory {
        @Override
        public Scriptable wrapAsJavaObject(Context cx, Scriptable scope, Object javaObject, Class<?> staticType) {
            return new NativeJavaObject(scope, javaObject, staticType);
        }
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
            cx.setWrapFactory(new LegacyWrapFactory());
        } else if (!profile.equals(PROFILE_RHINO)) {
            throw new IllegalArgumentException("profile must be " + PROFILE_AKANA + " or " + PROFILE_RHINO + ": " + profile);
        }
        ClassShutter s = shutter(shutterMode);
        if (s != null) {
            cx.setClassShutter(s);
        }
    }

    private static final String[][] NEWER_BUILTINS = {
        {"Object", "assign", "is", "getOwnPropertySymbols", "setPrototypeOf", "values", "entries"},
        {"Array", "from", "of"},
        {"Array.prototype", "includes", "find", "findIndex", "fill", "keys", "entries", "values", "copyWithin"},
        {"String", "fromCodePoint", "raw"},
        {"String.prototype", "startsWith", "endsWith", "includes", "repeat", "padStart", "padEnd", "trimStart",
            "trimEnd", "codePointAt", "normalize"},
        {"Math", "trunc", "sign", "log10", "log2", "log1p", "expm1", "cosh", "sinh", "tanh", "acosh", "asinh",
            "atanh", "hypot", "cbrt", "fround", "imul", "clz32"},
        {"Number", "isInteger", "isNaN", "isFinite", "isSafeInteger", "parseInt", "parseFloat", "EPSILON",
            "MAX_SAFE_INTEGER", "MIN_SAFE_INTEGER"},
        {"", "ArrayBuffer", "DataView", "Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array",
            "Int32Array", "Uint32Array", "Float32Array", "Float64Array", "globalThis"},
    };

    /** A fresh top-level scope for one policy execution. */
    static ScriptableObject freshScope(Context cx, String profile) {
        ScriptableObject scope = cx.initStandardObjects();
        if (profile.equals(PROFILE_AKANA)) {
            for (String[] group : NEWER_BUILTINS) {
                Scriptable target = resolve(scope, group[0]);
                for (int k = 1; k < group.length; k++) {
                    ScriptableObject.deleteProperty(target, group[k]);
                }
            }
        }
        return scope;
    }

    private static Scriptable resolve(Scriptable scope, String path) {
        Scriptable o = scope;
        if (path.length() == 0) {
            return o;
        }
        for (String part : path.split("\\.")) {
            o = (Scriptable) ScriptableObject.getProperty(o, part);
        }
        return o;
    }
}
