// Converts Akana's Java values to plain JS at the host boundary, never throwing (ES5 engine: Rhino).
//
// Host objects hand out java.lang.String (typeof 'object', never === a JS string), java.lang.Integer,
// java.util collections and Java arrays. Everything that crosses into the core goes through here.

/** A JS string from any host value; '' for null/undefined or a value whose toString throws. */
export function jsString(value: unknown): string {
  if (value === null || value === undefined) return '';
  try {
    return String(value);
  } catch (e) {
    return '';
  }
}

/** A whole number from a host value (Integer, Long, String "403", " 403 "); NaN when there is none. */
export function jsInt(value: unknown): number {
  var text = jsString(value).replace(/^\s+|\s+$/g, '');
  if (!/^-?\d+$/.test(text)) return NaN;
  return parseInt(text, 10);
}

/** Calls obj[method](...args) when it exists; returns null when the object or method is missing or throws. */
export function callHost(obj: unknown, method: string, args?: unknown[]): unknown {
  if (obj === null || obj === undefined) return null;
  try {
    var fn = (obj as { [k: string]: unknown })[method];
    if (typeof fn !== 'function' && !(fn && typeof fn === 'object')) return null;
    var value = (fn as Function).apply(obj, args || []);
    return value === undefined ? null : value;
  } catch (e) {
    return null;
  }
}

/** Reads obj[name]; undefined when the host object has no such member (Rhino throws for Java objects). */
function member(obj: unknown, name: string): unknown {
  try {
    return (obj as { [k: string]: unknown })[name];
  } catch (e) {
    return undefined;
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
  for (var i = 0; i < n && i < 10000; i++) {
    var item = member(source, String(i));
    out.push(item === undefined ? null : item);
  }
  return out;
}
