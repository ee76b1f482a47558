// Converts Akana's Java values to plain JS at the host boundary, never throwing (ES5 engine: Rhino).
//
// Host objects hand out java.lang.String (typeof 'object', never === a JS string), java.lang.Integer,
// java.util collections and Java arrays. Everything that crosses into the core goes through here.
//
// Catch-free guards: Rhino makes an activation object (a scope with every parameter and variable,
// each looked up by name in the script's name table) on every call of a function with a catch clause,
// and none for a function with only try/finally. A guard on the per-message path therefore ends in
// `finally { return result; }` (or returns a fallback there when its result still holds the value it
// started with): a return in a finally block completes the function normally and drops the exception
// (ES5 12.14). It drops Java Errors too, where a catch would let them through: for a guard on a host
// call that is the rule anyway (never break the API call). Each guard adds at most one variable: the
// script's name tables grow with every variable, and past 8000 bytes HotSpot stops compiling them.

type HostMethod = (...args: unknown[]) => unknown;
type HostObject = { [k: string]: HostMethod };

/** Most items a host list is read to (a bound on every loop over host data). */
export var MAX_ITEMS = 10000;

/** A JS string from any host value; '' for null/undefined or a value whose toString throws. */
export function jsString(value: unknown): string {
  if (value === null || value === undefined) return '';
  // A JS string is its own String(); only a host object needs the guard.
  if (typeof value === 'string') return value;
  return hostString(value);
}

function hostString(value: unknown): string {
  try {
    value = String(value);
  } finally {
    // Catch-free (see the top of this file): value is still the host object when String() threw.
    return typeof value === 'string' ? value : '';
  }
}

/** A whole number from a host value (Integer, Long, String "403", " 403 "); NaN when there is none. */
export function jsInt(value: unknown): number {
  // A JS number (what Rhino makes of a Java int, such as getParameterType's): what its digits would
  // give, without making the text (-0 reads as 0; a fraction, 1e21 and beyond, NaN, Infinity as NaN).
  if (typeof value === 'number') return value % 1 === 0 && value < 1e21 && value > -1e21 ? value + 0 : NaN;
  var text = jsString(value);
  // Most reads find nothing (a health key never written): no regex for those.
  if (text === '') return NaN;
  // The usual text is a number's own digits (a status read from a java.lang.Integer): written back,
  // its parse gives the text again, and the regex check (a RegExp object made per call in Rhino) waits.
  var parsed = parseInt(text, 10);
  if ('' + parsed === text) return parsed;
  if (!/^-?\d+$/.test(text)) {
    text = text.replace(/^\s+|\s+$/g, '');
    if (!/^-?\d+$/.test(text)) return NaN;
  }
  return parseInt(text, 10);
}

/** Calls obj[method](...args) when it exists; returns null when the object or method is missing or throws. */
export function callHost(obj: unknown, method: string, args?: unknown[]): unknown {
  if (obj === null || obj === undefined) return null;
  var value: unknown = null;
  // Catch-free (see the top of this file): some eight calls per message; a throw leaves value null.
  try {
    var fn = (obj as { [k: string]: unknown })[method];
    if (typeof fn === 'function' || (fn && typeof fn === 'object')) {
      // Called in place for the usual zero to two arguments: in Rhino fn.apply (and the array it needs)
      // cost twice the Java call itself (measured: 1.8 µs against 0.7 µs per getProperty).
      var n = args === undefined ? 0 : args.length;
      value = n === 0 ? (obj as HostObject)[method]() : n === 1 ? (obj as HostObject)[method]((args as unknown[])[0]) : n === 2 ? (obj as HostObject)[method]((args as unknown[])[0], (args as unknown[])[1]) : (fn as HostMethod).apply(obj, args as unknown[]);
    }
  } finally {
    return value === undefined ? null : value;
  }
}

/** Reads obj[name]; undefined when the host object has no such member (Rhino throws for Java objects). */
function member(obj: unknown, name: string): unknown {
  var value: unknown;
  try {
    value = (obj as { [k: string]: unknown })[name];
  } finally {
    // Catch-free (see the top of this file): a throw leaves value undefined.
    return value;
  }
}

/** Plain array from a Java array, java.util.Collection (via toArray) or JS array; [] otherwise. */
export function jsArray(value: unknown): unknown[] {
  if (value === null || value === undefined) return [];
  var source: unknown = value;
  // Arrays (Java or JS) have a numeric length. Collections convert through toArray(): Rhino 1.7R4
  // throws on `list.length`, and reading a missing member of a Java array throws too.
  var length = member(source, 'length');
  if (typeof length !== 'number') {
    source = callHost(value, 'toArray');
    length = source === null ? 0 : member(source, 'length');
  }
  var out: unknown[] = [];
  var n = typeof length === 'number' ? length : 0;
  for (var i = 0; i < n && i < MAX_ITEMS; i++) {
    var item = member(source, String(i));
    out.push(item === undefined ? null : item);
  }
  return out;
}
