// Narrows Debian's Rhino 1.7.14 towards an older gateway engine (JVM side of the Rhino emulators: Akana and Apigee).
package fake.jvm;

import org.mozilla.javascript.BaseFunction;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.NativeArray;
import org.mozilla.javascript.NativeJavaObject;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptRuntime;
import org.mozilla.javascript.ScriptableObject;
import org.mozilla.javascript.WrapFactory;
import org.mozilla.javascript.Wrapper;

/**
 * Pieces both emulators use: Java collections wrapped as plain Java objects (older engines had no
 * array-like Java lists or object-like maps), the ES2015 built-ins 1.7.14 adds at language version
 * 180 deleted from a fresh scope, and (for the 1.7.13 profile) JSON.stringify refusing a Java value,
 * which 1.7.14 learnt to serialise (mozilla/rhino #860) and 1.7.13 did not.
 */
public final class EngineProfiles {
    private EngineProfiles() {
    }

    /** Rhino 1.7R4's WrapFactory.wrapAsJavaObject, without 1.7.14's NativeJavaList/NativeJavaMap. */
    public static final class LegacyWrapFactory extends WrapFactory {
        @Override
        public Scriptable wrapAsJavaObject(Context cx, Scriptable scope, Object javaObject, Class<?> staticType) {
            return new NativeJavaObject(scope, javaObject, staticType);
        }
    }

    private static final String[][] NEWER_BUILTINS = {
        {"Object", "assign", "is", "getOwnPropertySymbols", "setPrototypeOf", "values", "entries", "fromEntries"},
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
            "Int32Array", "Uint32Array", "Float32Array", "Float64Array", "globalThis", "Promise", "BigInt"},
    };

    /** Deletes the ES2015+ built-ins of NEWER_BUILTINS from a fresh scope (missing ones are skipped). */
    public static void deleteNewerBuiltins(ScriptableObject scope) {
        for (String[] group : NEWER_BUILTINS) {
            Scriptable target = resolve(scope, group[0]);
            if (target == null) {
                continue;
            }
            for (int k = 1; k < group.length; k++) {
                ScriptableObject.deleteProperty(target, group[k]);
            }
        }
    }

    /**
     * Replaces JSON.stringify with one that throws a TypeError when the value holds a Java object
     * anywhere (1.7.13 cannot serialise host values), and otherwise calls the original.
     */
    public static void refuseJavaValuesInStringify(ScriptableObject scope) {
        final Scriptable json = (Scriptable) ScriptableObject.getProperty(scope, "JSON");
        final Function original = (Function) ScriptableObject.getProperty(json, "stringify");
        BaseFunction guarded = new BaseFunction() {
            @Override
            public Object call(Context cx, Scriptable callScope, Scriptable thisObj, Object[] args) {
                if (args.length > 0 && holdsJava(args[0], 0)) {
                    throw ScriptRuntime.typeError("JSON.stringify of a Java object (not supported by Rhino 1.7.13)");
                }
                return original.call(cx, callScope, json, args);
            }

            @Override
            public String getFunctionName() {
                return "stringify";
            }
        };
        ScriptableObject.putProperty(json, "stringify", guarded);
    }

    private static boolean holdsJava(Object value, int depth) {
        if (value instanceof Wrapper) {
            return true;
        }
        if (!(value instanceof Scriptable) || value instanceof Function || depth > 20) {
            return false;
        }
        Scriptable s = (Scriptable) value;
        Object[] ids = value instanceof NativeArray ? ((NativeArray) value).getIds() : s.getIds();
        for (Object id : ids) {
            Object v = id instanceof Integer ? s.get((Integer) id, s) : s.get(String.valueOf(id), s);
            if (holdsJava(v, depth + 1)) {
                return true;
            }
        }
        return false;
    }

    private static Scriptable resolve(Scriptable scope, String path) {
        Scriptable o = scope;
        if (path.length() == 0) {
            return o;
        }
        for (String part : path.split("\\.")) {
            Object next = ScriptableObject.getProperty(o, part);
            if (!(next instanceof Scriptable)) {
                return null;
            }
            o = (Scriptable) next;
        }
        return o;
    }
}
