// The package's command line: routes `pi-akana <command> [options]` to cli/commands/<command>.ts (Node only).
//
// A command is one file in cli/commands/ whose default export is a Command; its name is the file
// name. Adding a command means adding that file: the dispatcher finds it, loads only the command
// that runs, and turns failures into one error line and an exit code; each command's prologue
// (--help, --version, usage errors) is startCommand in command-io.ts, the one shape they share.
import { readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PROGRAM, usageErrorLine, versionLine, type LineIo } from './command-io';

export interface Command {
  /** The file name without extension, kebab-case: `pi-akana <name>`. */
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Shown by `<name> --help`: the arguments line, a blank line, the options (prefixed with "usage: pi-akana " unless it starts with "usage:"). */
  usage: string;
  /**
   * Runs with the arguments after the command name; resolves to the exit code (0 ok, 1 failure, 2 usage
   * error). Starts with startCommand (command-io.ts), which handles --help, --version and usage errors.
   */
  run(argv: string[], io?: LineIo): Promise<number>;
}

export interface CliIo {
  out: { write(text: string): unknown };
  err: { write(text: string): unknown };
}

export { PROGRAM };
const COMMANDS_DIR = fileURLToPath(new URL('./commands/', import.meta.url));
const COMMAND_NAME = /^[a-z][a-z0-9-]*$/;

/** Loads cli/commands/<name>.ts (or .js); undefined when there is no such file. Throws when it is not a Command. */
export async function loadCommand(name: string): Promise<Command | undefined> {
  if (!COMMAND_NAME.test(name)) return undefined;
  const files = await readdir(COMMANDS_DIR);
  const file = files.find((candidate) => candidate === `${name}.ts` || candidate === `${name}.js`);
  if (file === undefined) return undefined;
  const mod = (await import(pathToFileURL(resolve(COMMANDS_DIR, file)).href)) as { default?: Partial<Command> };
  const command = mod.default;
  if (
    !command ||
    command.name !== name ||
    typeof command.summary !== 'string' ||
    typeof command.usage !== 'string' ||
    typeof command.run !== 'function'
  ) {
    throw new Error(`cli/commands/${file} must export default { name: "${name}", summary, usage, run }`);
  }
  return command as Command;
}

/** Every command in cli/commands/, by name; a file that fails to load is listed with the reason. */
export async function listCommands(): Promise<Array<{ name: string; summary: string }>> {
  const names = (await readdir(COMMANDS_DIR))
    .filter((file) => /\.(ts|js)$/.test(file) && !/\.d\.ts$/.test(file))
    .map((file) => file.replace(/\.(ts|js)$/, ''))
    .filter((name) => COMMAND_NAME.test(name))
    .sort();
  const list: Array<{ name: string; summary: string }> = [];
  for (const name of names) {
    try {
      const command = await loadCommand(name);
      if (command) list.push({ name, summary: command.summary });
    } catch (error) {
      list.push({ name, summary: `(cannot load: ${oneLine(error)})` });
    }
  }
  return list;
}

export async function usage(): Promise<string> {
  const commands = await listCommands();
  const width = Math.max(0, ...commands.map((command) => command.name.length));
  return [
    `usage: ${PROGRAM} <command> [options]`,
    '',
    'commands:',
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    `Run "${PROGRAM} <command> --help" for a command's options.`,
    ''
  ].join('\n');
}

/**
 * `pi-akana validate config.json | head -1`: a reader that stops early closes the pipe, and the next
 * write fails with EPIPE. The CLI then ends as Unix tools do when SIGPIPE ends them (status 141),
 * without a stack trace.
 */
let pipeWatched = false;

function endQuietlyOnClosedPipe(): void {
  if (pipeWatched) return;
  pipeWatched = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(141);
  });
}

/** Runs one command line; resolves to the exit code (0 ok, 1 failure, 2 usage error). Never throws. */
export async function main(argv: string[], io: CliIo = { out: process.stdout, err: process.stderr }): Promise<number> {
  if (io.out === process.stdout) endQuietlyOnClosedPipe();
  const [name, ...rest] = argv;
  const lines: LineIo = { out: (line) => void io.out.write(`${line}\n`), err: (line) => void io.err.write(`${line}\n`) };
  try {
    if (name === undefined) {
      io.err.write(`${usageErrorLine('', 'name a command')}\n`);
      return 2;
    }
    if (name === '--help' || name === '-h' || name === 'help') {
      const topic = name === 'help' && rest[0] !== undefined ? await loadCommand(rest[0]) : undefined;
      if (topic) return await topic.run(['--help'], lines);
      io.out.write(await usage());
      return 0;
    }
    if (name === '--version' || name === '-V') {
      io.out.write(`${versionLine()}\n`);
      return 0;
    }
    const command = await loadCommand(name);
    if (!command) {
      io.err.write(`${usageErrorLine('', `unknown command "${name}"`)}\n`);
      return 2;
    }
    return await command.run(rest, lines);
  } catch (error) {
    io.err.write(`${PROGRAM}${name ? ` ${name}` : ''}: error: ${oneLine(error)}\n`);
    return 1;
  }
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s*\n\s*/g, ' ').trim();
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
