// attach (Node only): finds where the members of a JSON object and the elements of an array sit in the text, so entries can be added without re-serializing (and so changing) the bytes around them.
//
// Akana's PUT replaces the whole policy assignment with what it is sent. Writing back a
// JSON.stringify of the parsed answer would reformat every existing entry and reorder keys that
// look like integers; splicing text keeps each existing entry exactly as Akana returned it.

export interface Span {
  start: number;
  end: number;
}

export interface Member {
  key: string;
  value: Span;
}

function skipSpace(text: string, at: number): number {
  let i = at;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i += 1;
  return i;
}

function fail(what: string, at: number): never {
  throw new Error(`not valid JSON: ${what} at offset ${at}`);
}

/** End (exclusive) of the string starting at `at` (its opening quote). */
function stringEnd(text: string, at: number): number {
  let i = at + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === '"') return i + 1;
    else i += 1;
  }
  return fail('unterminated string', at);
}

/** End (exclusive) of the value starting at `at`. */
function valueEnd(text: string, at: number): number {
  const c = text[at];
  if (c === '"') return stringEnd(text, at);
  if (c === '{' || c === '[') {
    let depth = 0;
    let i = at;
    while (i < text.length) {
      const d = text[i];
      if (d === '"') {
        i = stringEnd(text, i);
        continue;
      }
      if (d === '{' || d === '[') depth += 1;
      else if (d === '}' || d === ']') {
        depth -= 1;
        if (depth === 0) return i + 1;
      }
      i += 1;
    }
    return fail('unclosed object or array', at);
  }
  let i = at;
  while (i < text.length && !/[\s,}\]]/.test(text[i])) i += 1;
  if (i === at) fail('a value expected', at);
  return i;
}

/** Spans of a container's entries: members of an object (with keys) or elements of an array. */
function entries(text: string, open: number, close: '}' | ']'): Array<{ key?: string; value: Span }> {
  const found: Array<{ key?: string; value: Span }> = [];
  let i = skipSpace(text, open + 1);
  if (text[i] === close) return found;
  for (;;) {
    let key: string | undefined;
    if (close === '}') {
      if (text[i] !== '"') fail('a member name expected', i);
      const keyEnd = stringEnd(text, i);
      key = JSON.parse(text.slice(i, keyEnd)) as string;
      i = skipSpace(text, keyEnd);
      if (text[i] !== ':') fail('":" expected', i);
      i = skipSpace(text, i + 1);
    }
    const end = valueEnd(text, i);
    found.push({ key, value: { start: i, end } });
    i = skipSpace(text, end);
    if (text[i] === close) return found;
    if (text[i] !== ',') fail(`"," or "${close}" expected`, i);
    i = skipSpace(text, i + 1);
  }
}

/** The top-level object of text: where its braces are and its members. Throws when text is not one object. */
export function objectMembers(text: string): { open: number; close: number; members: Member[] } {
  JSON.parse(text); // a full check first: the scanner below assumes valid JSON
  const open = skipSpace(text, 0);
  if (text[open] !== '{') fail('an object expected', open);
  const close = valueEnd(text, open) - 1;
  const members = entries(text, open, '}').map((entry) => ({ key: entry.key as string, value: entry.value }));
  return { open, close, members };
}

/** The elements of the array whose text spans `span`. */
export function arrayElements(text: string, span: Span): Span[] {
  if (text[span.start] !== '[') fail('an array expected', span.start);
  return entries(text, span.start, ']').map((entry) => entry.value);
}

/**
 * text with `added` (JSON texts) appended to the array member `key` of the top-level object; when
 * the member is missing or null it becomes an array of them. Every other byte stays where it was.
 */
export function appendToArrayMember(text: string, key: string, added: string[]): string {
  if (added.length === 0) return text;
  const { open, members } = objectMembers(text);
  const matching = members.filter((member) => member.key === key);
  if (matching.length > 1) throw new Error(`the object has "${key}" ${matching.length} times: which one Akana reads is unclear, so it is left alone`);
  const joined = added.join(',');
  if (matching.length === 0) {
    const member = `${JSON.stringify(key)}:[${joined}]`;
    return `${text.slice(0, open + 1)}${member}${members.length > 0 ? ',' : ''}${text.slice(open + 1)}`;
  }
  const { value } = matching[0];
  const current = text.slice(value.start, value.end);
  if (current === 'null') return `${text.slice(0, value.start)}[${joined}]${text.slice(value.end)}`;
  if (current[0] !== '[') throw new Error(`"${key}" holds ${current[0] === '{' ? 'an object' : 'a scalar'}, not a list`);
  const elements = arrayElements(text, value);
  if (elements.length === 0) return `${text.slice(0, value.start + 1)}${joined}${text.slice(value.start + 1)}`;
  const last = elements[elements.length - 1].end;
  return `${text.slice(0, last)},${joined}${text.slice(last)}`;
}
