// `validate` command: checks an operator's config JSON with the zod schema and writes the config JSON Schema for editors (Node only).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ConfigProblem } from '../../policies/core/config';
import { configJsonSchema, validateConfigWithZod } from '../../config/config-schema';
import { shown } from './package';
import { defaultDistDir, startCommand, type LineIo } from '../command-io';

export const name = 'validate';
export const summary = 'check a policy configuration JSON file (every problem with its path) and write dist/config.schema.json';
export const usage = `usage: validate <config.json> [--schema-out FILE] [--json]

Checks the configuration an operator writes (the values behind config.js or the Node host options)
with the same rules the policies apply, and prints every problem as "path: what is wrong and how
to fix it", e.g. "nodes[0].url: must be the ASE data port as http://host:port ...".

Every run (valid or not) also writes the configuration's JSON Schema (draft 2020-12) to
dist/config.schema.json, creating the folder, so an editor can complete and check the file as
you type. Point the editor at it by file pattern (VS Code: "json.schemas" in settings), not with
a "$schema" field: unknown fields are rejected. From an installed package dist/ is the one in your
folder; the package also ships the schema as node_modules/<package>/dist/config.schema.json.

Nothing from the file is echoed (it holds the ASE token and the hash salt): messages name the
path, line and column only.

  --schema-out FILE   where to write the JSON Schema (default dist/config.schema.json)
  --json              print one machine-readable JSON result on stdout instead of text
  -h, --help          show this text

exit status: 0 valid, 1 invalid (or the file is missing, unreadable or not JSON, or the schema
could not be written), 2 usage error`;

/** Default schema location: next to the build output (dist/ of the project; from an installed package, dist/ in your folder). */
export const DEFAULT_SCHEMA_OUT = join(defaultDistDir(), 'config.schema.json');

const OPTIONS = {
  'schema-out': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' }
} as const;

export type FileErrorKind = 'not-found' | 'unreadable' | 'not-json';

export interface FileError {
  kind: FileErrorKind;
  message: string;
  /** 1-based, for not-json. */
  line?: number;
  column?: number;
}

export type ValidateOutcome =
  | { status: 'valid'; nodes: number }
  | { status: 'invalid'; problems: ConfigProblem[] }
  | { status: 'error'; error: FileError };

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

function readFailure(path: string, error: NodeJS.ErrnoException): FileError {
  if (error.code === 'ENOENT') return { kind: 'not-found', message: `${shown(path)} not found: check the path` };
  if (error.code === 'EISDIR') return { kind: 'unreadable', message: `${shown(path)} is a folder, not a JSON file` };
  if (error.code === 'EACCES' || error.code === 'EPERM') {
    return { kind: 'unreadable', message: `cannot read ${shown(path)}: permission denied` };
  }
  return { kind: 'unreadable', message: `cannot read ${shown(path)}: ${error.code ?? error.message}` };
}

/** Reads, parses and validates one configuration file. Never throws for file or content problems. */
export async function validateConfigFile(path: string): Promise<ValidateOutcome> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { status: 'error', error: readFailure(path, error as NodeJS.ErrnoException) };
  }
  // Editors on Windows may save a byte-order mark, which JSON.parse rejects.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    const found = locateJsonError(text) ?? { offset: text.length, reason: 'not valid JSON' };
    const { line, column } = lineColumn(text, found.offset);
    return {
      status: 'error',
      error: { kind: 'not-json', message: `${shown(path)} is not valid JSON: line ${line}, column ${column}: ${found.reason}`, line, column }
    };
  }
  const result = validateConfigWithZod(raw);
  return result.ok ? { status: 'valid', nodes: result.config.nodes.length } : { status: 'invalid', problems: result.problems };
}

/** "nodes[0].url: must be ...": the messages start with their own path, which is said once. */
export function formatProblem(problem: ConfigProblem): string {
  const where = problem.path === '' ? '(config)' : problem.path;
  const message = problem.path !== '' && problem.message.startsWith(`${problem.path} `) ? problem.message.slice(problem.path.length + 1) : problem.message;
  return `${where}: ${message}`;
}

/** Writes the JSON Schema, creating the folder; returns an error message or undefined. */
export async function writeConfigSchema(file: string): Promise<string | undefined> {
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify(configJsonSchema(), null, 2)}\n`, 'utf8');
    return undefined;
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    return `cannot write the JSON Schema to ${shown(file)}: ${e.code ?? e.message}`;
  }
}

export type RunIo = LineIo;

function parseValidateArgs(argv: string[]): { help?: boolean; 'schema-out'?: string; json?: boolean; file: string } {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  if (!values.help && positionals.length !== 1) {
    throw new Error(positionals.length === 0 ? 'name the configuration file to check' : `one file at a time (got ${positionals.length})`);
  }
  return { ...values, file: positionals[0] };
}

export async function run(argv: string[], io: RunIo = {}): Promise<number> {
  const start = startCommand(argv, io, { name, usage }, parseValidateArgs);
  if ('exitCode' in start) return start.exitCode;
  const { parsed: values, out, err } = start;
  const file = resolve(values.file);
  const schemaOut = values['schema-out'] === undefined ? DEFAULT_SCHEMA_OUT : resolve(values['schema-out']);
  const outcome = await validateConfigFile(file);
  const schemaError = await writeConfigSchema(schemaOut);
  const code = outcome.status === 'valid' && schemaError === undefined ? 0 : 1;

  if (values.json) {
    out(
      JSON.stringify(
        {
          file: shown(file),
          valid: outcome.status === 'valid',
          problems: outcome.status === 'invalid' ? outcome.problems : [],
          ...(outcome.status === 'error' ? { error: outcome.error } : {}),
          schema: shown(schemaOut),
          ...(schemaError !== undefined ? { schemaError } : {})
        },
        null,
        2
      )
    );
    return code;
  }
  if (outcome.status === 'valid') {
    out(`${shown(file)}: valid (${outcome.nodes} ASE node${outcome.nodes === 1 ? '' : 's'})`);
  } else if (outcome.status === 'invalid') {
    out(`${shown(file)}: ${outcome.problems.length} problem${outcome.problems.length === 1 ? '' : 's'}:`);
    for (const problem of outcome.problems) out(`  ${formatProblem(problem)}`);
  } else {
    err(`${name}: ${outcome.error.message}`);
  }
  if (schemaError === undefined) out(`wrote ${shown(schemaOut)} (JSON Schema for editors)`);
  else err(`${name}: ${schemaError}`);
  return code;
}

export default { name, summary, usage, run };
