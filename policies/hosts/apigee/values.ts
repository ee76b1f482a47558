// Converts what Apigee's context hands out (Java strings, numbers, Sets) to plain JS at the boundary, never throwing (ES5 engine: Rhino).

/** Most header names read from one message (a bound on every loop over host data). */
var MAX_NAMES = 500;

/** A JS string from a host value; '' for null/undefined or a value whose toString throws. */
export function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  try {
    return String(value);
  } catch (e) {
    return '';
  }
}

/** A whole number from a host value (Integer, Long, "403", " 403 "); NaN when there is none. */
export function wholeNumber(value: unknown): number {
  var trimmed = text(value).replace(/^\s+|\s+$/g, '');
  return /^-?\d+$/.test(trimmed) ? parseInt(trimmed, 10) : NaN;
}

/** context.getVariable(name) as a JS string ('' when unset or when the context fails). */
export function variable(context: any, name: string): string {
  try {
    return text(context.getVariable(name));
  } catch (e) {
    return '';
  }
}

/** context.setVariable(name, value); false when the context refused it. */
export function setVariable(context: any, name: string, value: string): boolean {
  try {
    context.setVariable(name, value);
    return true;
  } catch (e) {
    return false;
  }
}

/**
 * The names in a `*.headers.names` value: a Java Set (toArray()), a JS array, or its String form
 * "[a, b]" (header names hold neither commas nor spaces, so the split is exact).
 */
export function nameList(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  var items: unknown = null;
  try {
    var host = value as { toArray?: unknown; length?: unknown };
    if (typeof host.length === 'number') items = host;
    else if (typeof host.toArray === 'function') items = (host as { toArray: () => unknown }).toArray();
  } catch (e) {
    items = null;
  }
  var out: string[] = [];
  if (items !== null && typeof (items as { length?: unknown }).length === 'number') {
    var list = items as { length: number; [index: number]: unknown };
    for (var i = 0; i < list.length && i < MAX_NAMES; i++) {
      var name = text(list[i]);
      if (name) out.push(name);
    }
    return out;
  }
  var joined = text(value).replace(/^\s*\[|\]\s*$/g, '');
  var parts = joined ? joined.split(',') : [];
  for (var j = 0; j < parts.length && j < MAX_NAMES; j++) {
    var part = parts[j].replace(/^\s+|\s+$/g, '');
    if (part) out.push(part);
  }
  return out;
}
