// `import` command: turns an existing Akana config.js (Ping's own or ours) into this project's JSON config, keeping its values (Node only).
import { readFile, writeFile } from 'node:fs/promises';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import type { Command } from '../cli';
import { startCommand, userPath, type LineIo } from '../command-io';
import { checkConfigText, formatProblem } from '../../config/config-file';
import { validateConfigWithZod } from '../../config/config-schema';
import { shown } from './package';

const OPTIONS = { out: { type: 'string', short: 'o' }, force: { type: 'boolean' } } as const;

function parseImportArgs(argv: string[]): { file: string; out?: string; force?: boolean } {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  if (positionals.length !== 1) throw new Error(positionals.length === 0 ? 'name the config.js to import' : `one file at a time (got ${positionals.length})`);
  return { ...values, file: positionals[0] };
}

/**
 * The JSON config of a config.js's values: ase_token as aseToken, the primary_/secondary_ variables
 * (secondry_ spelling too) as nodes "primary" and "secondary", pi_options merged in, extraNodes after
 * them. Only what the file sets: defaults stay defaults, empty strings stay unset.
 */
export function importedJson(raw: Record<string, unknown>): Record<string, unknown> {
  const { aseToken, nodes, ...options } = raw;
  return { aseToken, nodes, ...options };
}

const command: Command = {
  name: 'import',
  summary: "turn an existing Akana config.js (Ping's or ours) into a JSON config for build --config, keeping its values",
  usage: [
    'import <config.js> [--out <file.json>] [--force]',
    '',
    "Reads config.js (evaluated in an empty sandbox, as validate does), checks it exactly as pi_policy.js",
    "would, and prints the same values as this project's JSON config: ase_token becomes aseToken, the",
    "primary_ase_* and secondary_ase_* variables (Ping's secondry_ase_service too) become the nodes named",
    'primary and secondary, pi_options is merged in (its extraNodes follow the two). Variables left empty',
    'stay unset, so defaults stay defaults. A config.js that does not validate is not imported: the',
    'problems are listed in its variable names. The output holds the ASE token: keep it out of version',
    'control. Then: pi-akana build --config <file.json>. Paths are relative to your folder.',
    '',
    'options:',
    '  -o, --out <file>  write the JSON there (default: print it on stdout)',
    '  --force           replace --out when it exists',
    '  -h, --help        show this help'
  ].join('\n'),
  async run(argv: string[], io: LineIo = {}) {
    const start = startCommand(argv, io, command, parseImportArgs);
    if ('exitCode' in start) return start.exitCode;
    const { parsed, out, err } = start;
    const source = userPath(parsed.file);
    let text: string;
    try {
      text = await readFile(source, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      err(`${command.name}: ${code === 'ENOENT' ? `${shown(source)} not found: check the path` : `cannot read ${shown(source)}: ${code ?? (error as Error).message}`}`);
      return 1;
    }
    const outcome = checkConfigText(text, 'config.js', shown(source));
    if (outcome.status === 'error') {
      err(`${command.name}: ${outcome.error.message}`);
      return 1;
    }
    if (outcome.status === 'invalid') {
      err(`${command.name}: ${shown(source)} does not validate, nothing imported; fix these variables first:`);
      for (const problem of outcome.problems) err(`  ${formatProblem(problem)}`);
      return 1;
    }
    const json = importedJson(outcome.raw);
    // The JSON must mean what config.js meant, through the JSON validator build uses.
    const again = validateConfigWithZod(json);
    if (!again.ok || !isDeepStrictEqual(JSON.parse(JSON.stringify(again.config)), JSON.parse(JSON.stringify(outcome.config)))) {
      throw new Error('the imported JSON does not validate to the same configuration as config.js (a bug: please report it)');
    }
    const body = `${JSON.stringify(json, null, 2)}\n`;
    if (parsed.out === undefined) {
      out(body.trimEnd());
      return 0;
    }
    const target = userPath(parsed.out);
    try {
      await writeFile(target, body, { encoding: 'utf8', flag: parsed.force ? 'w' : 'wx', mode: 0o600 });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      err(`${command.name}: ${code === 'EEXIST' ? `${shown(target)} exists: pass --force to replace it` : `cannot write ${shown(target)}: ${code ?? (error as Error).message}`}`);
      return 1;
    }
    out(`wrote ${shown(target)} (${outcome.nodes} ASE node${outcome.nodes === 1 ? '' : 's'}): build with pi-akana build --config ${shown(target)}`);
    return 0;
  }
};

export default command;
