// Locates the first JSON syntax error in a config file by line and column, never quoting the text (Node only).

/** Where a JSON text first breaks the grammar, and why, in words that never quote the text. */
export interface JsonSyntaxError {
  offset: number;
  reason: string;
}

/**
 * Finds the first JSON syntax error (RFC 8259) in text, or undefined when it parses. Node 20's
 * JSON.parse gives no position for some errors and quotes the source in its message, which may
 * hold the ASE token, so the position and wording come from this scanner instead.
 */
export function locateJsonError(text: string): JsonSyntaxError | undefined {
  const MAX_DEPTH = 512;
  let i = 0;
  const fail = (reason: string, at: number = i): never => {
    throw { offset: at, reason } satisfies JsonSyntaxError;
  };
  const skipSpace = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i += 1;
  };
  const expectEnd = (what: string) => {
    if (i >= text.length) fail(`unexpected end of the file: ${what}`);
  };
  const parseString = () => {
    const start = i;
    i += 1;
    for (;;) {
      if (i >= text.length) fail('unterminated string (missing closing ")', start);
      const code = text.charCodeAt(i);
      if (code === 0x22) {
        i += 1;
        return;
      }
      if (code < 0x20) fail('control character (such as a line break or tab) inside a string: write it as \\n or \\t');
      if (code === 0x5c) {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('\\u must be followed by 4 hex digits');
          i += 6;
        } else if (next !== undefined && '"\\/bfnrt'.indexOf(next) >= 0) {
          i += 2;
        } else {
          fail('invalid escape in a string: use \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX');
        }
      } else {
        i += 1;
      }
    }
  };
  const parseValue = (depth: number): void => {
    skipSpace();
    expectEnd('a value is missing');
    if (depth > MAX_DEPTH) fail(`nested deeper than ${MAX_DEPTH} levels`);
    const c = text[i];
    if (c === '{') {
      i += 1;
      skipSpace();
      if (text[i] === '}') {
        i += 1;
        return;
      }
      for (;;) {
        skipSpace();
        expectEnd("an object is not closed with '}'");
        if (text[i] !== '"') fail(text[i] === '}' ? "trailing comma before '}'" : 'expected a property name in double quotes');
        parseString();
        skipSpace();
        expectEnd("expected ':' after the property name");
        if (text[i] !== ':') fail("expected ':' after the property name");
        i += 1;
        parseValue(depth + 1);
        skipSpace();
        expectEnd("an object is not closed with '}'");
        if (text[i] === '}') {
          i += 1;
          return;
        }
        if (text[i] !== ',') fail("expected ',' or '}' after a property value");
        i += 1;
      }
    }
    if (c === '[') {
      i += 1;
      skipSpace();
      if (text[i] === ']') {
        i += 1;
        return;
      }
      for (;;) {
        skipSpace();
        if (text[i] === ']') fail("trailing comma before ']'");
        parseValue(depth + 1);
        skipSpace();
        expectEnd("an array is not closed with ']'");
        if (text[i] === ']') {
          i += 1;
          return;
        }
        if (text[i] !== ',') fail("expected ',' or ']' after an array entry");
        i += 1;
      }
    }
    if (c === '"') return parseString();
    const number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    number.lastIndex = i;
    if ((c === '-' || (c >= '0' && c <= '9')) && number.exec(text)) {
      i = number.lastIndex;
      return;
    }
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, i)) {
        i += literal.length;
        return;
      }
    }
    fail(c === "'" ? 'strings need double quotes, not single quotes' : 'expected a value (object, array, string, number, true, false or null)');
  };
  try {
    parseValue(0);
    skipSpace();
    if (i < text.length) fail('unexpected text after the end of the JSON value');
    return undefined;
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'offset' in error && 'reason' in error) return error as JsonSyntaxError;
    throw error;
  }
}

/** 1-based line and column (in UTF-16 units) of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset && k < text.length; k += 1) {
    if (text[k] === '\n') {
      line += 1;
      lineStart = k + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
