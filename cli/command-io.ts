// The one command shape of the CLI (Node): every command's prologue (parse, --help, --version, one-line usage errors) and its line writers.
import { readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { packageRootOf } from '../packaging/package-root';
import { hasPolicySources, PROJECT_ROOT } from '../packaging/entries';

/** What the program is called where users type it (the package's bin). */
export const PROGRAM = 'pi-akana';

export interface LineIo {
  out?: (line: string) => void;
  err?: (line: string) => void;
}

/** The package version, from the package's package.json (found from source and from the built dist/cli alike). */
export function cliVersion(): string {
  const file = join(packageRootOf(import.meta.url), 'package.json');
  return String((JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown }).version ?? '0.0.0');
}

/** `pi-akana 1.0.0`: what --version prints, for the program and every command. */
export function versionLine(): string {
  return `${PROGRAM} ${cliVersion()}`;
}

/** A usage text that starts with "usage:" is shown as it is; otherwise it follows "usage: pi-akana ". */
export function usageText(usage: string): string {
  const text = usage.replace(/\n*$/, '');
  return /^usage:/i.test(text) ? text : `usage: ${PROGRAM} ${text}`;
}

/** The one line a usage error prints: what is wrong, and the command that shows the options. */
export function usageErrorLine(commandName: string, reason: string): string {
  const where = commandName ? `${PROGRAM} ${commandName}` : PROGRAM;
  return `${where}: ${reason.replace(/\s*\n\s*/g, ' ').trim()} (run "${where} --help" for the ${commandName ? 'options' : 'commands'})`;
}

/**
 * A path the user typed, resolved against the folder they typed it in: npm runs scripts from the
 * project root and leaves the caller's folder in INIT_CWD.
 */
export function userPath(path: string, env: NodeJS.ProcessEnv = process.env): string {
  return isAbsolute(path) ? path : resolve(env.INIT_CWD || process.cwd(), path);
}

/**
 * Where commands write and read build output unless told (--dist, --dir, --schema-out): dist/ of the
 * project in a source checkout; from an installed package, dist/ in the folder you run it in, never
 * inside node_modules (the package's own dist/ holds what it ships).
 */
export function defaultDistDir(env: NodeJS.ProcessEnv = process.env): string {
  return hasPolicySources() ? join(PROJECT_ROOT, 'dist') : userPath('dist', env);
}

/** What a command gets once its arguments parsed and neither --help nor --version was asked. */
export type CommandStart<T> = { parsed: Exclude<T, { help: true }>; out: (line: string) => void; err: (line: string) => void } | { exitCode: number };

/**
 * The prologue of every command: --help prints the usage (exit 0), --version the version (exit 0),
 * a parse error one line naming the problem and the help command (exit 2); otherwise the caller goes on.
 */
export function startCommand<T>(
  argv: string[],
  io: LineIo,
  command: { name: string; usage: string },
  parse: (argv: string[]) => T
): CommandStart<T> {
  const out = io.out ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const err = io.err ?? ((line: string) => void process.stderr.write(`${line}\n`));
  if (argv.includes('--help') || argv.includes('-h')) {
    out(usageText(command.usage));
    return { exitCode: 0 };
  }
  if (argv.includes('--version') || argv.includes('-V')) {
    out(versionLine());
    return { exitCode: 0 };
  }
  let parsed: T;
  try {
    parsed = parse(argv);
  } catch (error) {
    err(usageErrorLine(command.name, (error as Error).message));
    return { exitCode: 2 };
  }
  return { parsed: parsed as Exclude<T, { help: true }>, out, err };
}
