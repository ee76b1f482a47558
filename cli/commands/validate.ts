// `validate` command: checks an operator's config (JSON, or Akana's config.js) and prints every problem; writes the JSON Schema only when asked (Node only).
import { parseArgs } from 'node:util';
import { writeConfigSchema } from '../../config/schema-file';
import { formatProblem, validateConfigFile } from '../../config/config-file';
import { warningCount } from '../../config/config-warnings';
import { shown } from './package';
import { startCommand, userPath, type LineIo } from '../command-io';

export const name = 'validate';
export const summary = 'check a policy configuration (JSON, or an Akana config.js: ours or Ping\'s) and print every problem with its path';
export const usage = `usage: validate <config.json | config.js> [--strict] [--schema-out FILE] [--json]

Checks the configuration an operator writes with the same rules the policies apply, and prints
every problem as "path: what is wrong and how to fix it", e.g. "nodes[0].url: must be the ASE data
port as http://host:port ...". A file ending in .js is read as Akana's config.js (the one build
writes, hand-edited, or Ping's own, with its secondry_ase_service spelling), checked exactly as
pi_policy.js loads it, and its problems name config.js's variables ("primary_ase_service: ...",
"pi_options.retryAfterMs: ..."). config.js is evaluated in an empty sandbox (no require, no
process, 1 s limit): it may only assign values.

Warnings name what is valid but risky, and do not fail unless --strict: an empty token (an ASE
with sideband authentication answers 401 to every call), a single node (no failover), the
example's placeholders (svc_00000000-... services, example.com URLs), a dangerously* switch that
is on, and (config.js) a variable pi_policy.js never reads, such as a misspelt name.

It writes nothing, unless --schema-out asks for the configuration's JSON Schema (draft 2020-12;
build also writes it to dist/config.schema.json, and the package ships it there). Link it from
the JSON config with a "$schema" key (allowed, ignored by the policies), e.g.
"$schema": "./node_modules/<this package>/dist/config.schema.json", or by file pattern
(VS Code: "json.schemas" in settings).

Nothing from the file is echoed (it holds the ASE token and the hash salt): messages name the
path, line and column only. Paths are relative to your folder.

  --strict            treat warnings as errors (exit 1), e.g. in CI before a deploy
  --schema-out FILE   also write the JSON Schema to FILE (creating its folder)
  --json              print one machine-readable JSON result on stdout instead of text
  -h, --help          show this text

exit status: 0 valid, 1 invalid (or warnings with --strict, or the file is missing, unreadable, not JSON or config.js, or
the schema could not be written), 2 usage error`;

const OPTIONS = {
  'schema-out': { type: 'string' },
  strict: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' }
} as const;

export { lineColumn, locateJsonError } from '../../config/json-syntax';
export { formatProblem, validateConfigFile, type FileError, type FileErrorKind, type ValidateOutcome } from '../../config/config-file';

export type RunIo = LineIo;

function parseValidateArgs(argv: string[]): { help?: boolean; 'schema-out'?: string; strict?: boolean; json?: boolean; file: string } {
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
  const schemaOut = values['schema-out'] === undefined ? undefined : userPath(values['schema-out']);
  const outcome = await validateConfigFile(file, shown(file));
  const schemaError = schemaOut === undefined ? undefined : await writeConfigSchema(schemaOut, shown(schemaOut));
  const warnings = outcome.status === 'valid' ? outcome.warnings : [];
  const failedStrict = values.strict === true && warnings.length > 0;
  const code = outcome.status === 'valid' && !failedStrict && schemaError === undefined ? 0 : 1;

  if (values.json) {
    out(
      JSON.stringify(
        {
          file: shown(file),
          valid: outcome.status === 'valid' && !failedStrict,
          problems: outcome.status === 'invalid' ? outcome.problems : [],
          warnings,
          strict: values.strict === true,
          ...(outcome.status === 'error' ? { error: outcome.error } : {}),
          ...(schemaOut !== undefined ? { schema: shown(schemaOut) } : {}),
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
    for (const warning of warnings) out(`  warning: ${formatProblem(warning)}`);
    if (failedStrict) out(`  --strict: ${warningCount(warnings)} count as errors`);
  } else if (outcome.status === 'invalid') {
    out(`${shown(file)}: ${outcome.problems.length} problem${outcome.problems.length === 1 ? '' : 's'}:`);
    for (const problem of outcome.problems) out(`  ${formatProblem(problem)}`);
  } else {
    err(`${name}: ${outcome.error.message}`);
  }
  if (schemaOut !== undefined) {
    if (schemaError === undefined) out(`wrote ${shown(schemaOut)} (JSON Schema for editors)`);
    else err(`${name}: ${schemaError}`);
  }
  return code;
}

export default { name, summary, usage, run };
