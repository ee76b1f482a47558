// `validate` command: checks an operator's config JSON with the zod schema and writes the config JSON Schema for editors (Node only).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../../packaging/entries';
import { configJsonSchema } from '../../config/config-schema';
import { formatProblem, validateConfigFile } from '../../config/config-file';
import { shown } from './package';
import { startCommand, userPath, type LineIo } from '../command-io';

export const name = 'validate';
export const summary = 'check a policy configuration (JSON, or an Akana config.js: ours or Ping\'s) and print every problem with its path';
export const usage = `usage: validate <config.json | config.js> [--schema-out FILE] [--json]

Checks the configuration an operator writes with the same rules the policies apply, and prints
every problem as "path: what is wrong and how to fix it", e.g. "nodes[0].url: must be the ASE data
port as http://host:port ...". A file ending in .js is read as Akana's config.js (the one build
writes, hand-edited, or Ping's own, with its secondry_ase_service spelling), checked exactly as
pi_policy.js loads it, and its problems name config.js's variables ("primary_ase_service: ...",
"pi_options.retryAfterMs: ..."). config.js is evaluated in an empty sandbox (no require, no
process, 1 s limit): it may only assign values.

Every run (valid or not) also writes the configuration's JSON Schema (draft 2020-12) to
dist/config.schema.json, creating the folder, so an editor can complete and check the file as
you type. Point the editor at it by file pattern (VS Code: "json.schemas" in settings), not with
a "$schema" field: unknown fields are rejected.

Nothing from the file is echoed (it holds the ASE token and the hash salt): messages name the
path, line and column only.

  --schema-out FILE   where to write the JSON Schema (default dist/config.schema.json)
  --json              print one machine-readable JSON result on stdout instead of text
  -h, --help          show this text

exit status: 0 valid, 1 invalid (or the file is missing, unreadable or not JSON, or the schema
could not be written), 2 usage error`;

/** Default schema location: dist/ of the project, next to the build output. */
export const DEFAULT_SCHEMA_OUT = join(PROJECT_ROOT, 'dist', 'config.schema.json');

const OPTIONS = {
  'schema-out': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' }
} as const;

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

export { lineColumn, locateJsonError } from '../../config/json-syntax';
export { formatProblem, validateConfigFile, type FileError, type FileErrorKind, type ValidateOutcome } from '../../config/config-file';

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
  const file = userPath(values.file);
  const schemaOut = values['schema-out'] === undefined ? DEFAULT_SCHEMA_OUT : userPath(values['schema-out']);
  const outcome = await validateConfigFile(file, shown(file));
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
