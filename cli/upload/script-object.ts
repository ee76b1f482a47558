// A Policy Manager script object as GET returns it: find its content field and replace only that, keeping every other field (Node only).
//
// Akana publishes the pmscripts paths but not the object's JSON fields, so upload never builds an
// object: it edits the one Policy Manager returned. The field is detected among the likely names,
// or named by the operator with --content-field.

/** Field names tried in order when --content-field is not given. */
export const CONTENT_FIELDS = ['Content', 'content', 'Script', 'script', 'Source'] as const;

export type JsonObject = Record<string, unknown>;

/** Integers JSON.parse would silently round; PUTting the object back would change them. */
function findUnsafeInteger(value: unknown, path: string, depth: number): string | undefined {
  if (depth > 64) return undefined;
  if (typeof value === 'number') return Number.isInteger(value) && !Number.isSafeInteger(value) ? path : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = findUnsafeInteger(value[i], `${path}[${i}]`, depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      const found = findUnsafeInteger(child, path === '' ? key : `${path}.${key}`, depth + 1);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** Parses a GET body into an object safe to PUT back; throws an Error saying what came instead. */
export function parseScriptObject(body: string, what: string): JsonObject {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    const start = body.trimStart().slice(0, 1);
    const hint = start === '<' ? ' (it looks like XML or HTML: is --url the Policy Manager address?)' : '';
    throw new Error(`${what} did not return JSON${hint}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${what} returned ${Array.isArray(value) ? 'an array' : typeof value}, not a script object`);
  }
  const unsafe = findUnsafeInteger(value, '', 0);
  if (unsafe !== undefined) {
    throw new Error(`${what}: field ${unsafe} holds an integer too large to round-trip through JSON; update this script by hand`);
  }
  return value as JsonObject;
}

function readPath(object: JsonObject, path: string[]): unknown {
  let current: unknown = object;
  for (const part of path) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    current = (current as JsonObject)[part];
  }
  return current;
}

function describeFields(object: JsonObject): string {
  const fields = Object.keys(object).map((key) => {
    const value = object[key];
    const type = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
    return `${key} (${type})`;
  });
  return fields.length === 0 ? 'none' : fields.join(', ');
}

/**
 * The content field: `override` (a name, or a dotted path such as Script.Content) when given,
 * else the first of CONTENT_FIELDS holding a string. Throws naming the fields seen otherwise.
 */
export function findContentField(object: JsonObject, what: string, override?: string): { field: string; current: string } {
  if (override !== undefined) {
    const value = readPath(object, override.split('.'));
    if (typeof value !== 'string') {
      throw new Error(
        `${what} has no text field ${override} (${value === undefined ? 'missing' : `it holds ${Array.isArray(value) ? 'an array' : typeof value}`}); ` +
          `fields seen: ${describeFields(object)}`
      );
    }
    return { field: override, current: value };
  }
  for (const field of CONTENT_FIELDS) {
    const value = object[field];
    if (typeof value === 'string') return { field, current: value };
  }
  throw new Error(
    `${what} has none of the content fields ${CONTENT_FIELDS.join(', ')}; fields seen: ${describeFields(object)}. ` +
      'Name the one that holds the script text with --content-field NAME'
  );
}

/** A copy of object with the field (name or dotted path) set to content; every other field untouched. */
export function withContent(object: JsonObject, field: string, content: string): JsonObject {
  const [head, ...rest] = field.split('.');
  if (rest.length === 0) return { ...object, [head]: content };
  return { ...object, [head]: withContent(object[head] as JsonObject, rest.join('.'), content) };
}
