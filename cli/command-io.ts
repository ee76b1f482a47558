// Shared start of a CLI command: line writers and the parse / --help / usage-error prologue (Node only).

export interface LineIo {
  out?: (line: string) => void;
  err?: (line: string) => void;
}

/** What a command gets once its arguments parsed and no --help was asked: the parse without its help variant. */
export type CommandStart<T> = { parsed: Exclude<T, { help: true }>; out: (line: string) => void; err: (line: string) => void } | { exitCode: number };

/**
 * Parses argv with the command's parser. A parse error prints "<name>: <reason>" and the usage to
 * stderr (exit 2); --help prints the usage to stdout (exit 0); otherwise the caller goes on.
 */
export function startCommand<T extends { help?: boolean }>(
  argv: string[],
  io: LineIo,
  command: { name: string; usage: string },
  parse: (argv: string[]) => T
): CommandStart<T> {
  const out = io.out ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const err = io.err ?? ((line: string) => void process.stderr.write(`${line}\n`));
  let parsed: T;
  try {
    parsed = parse(argv);
  } catch (error) {
    err(`${command.name}: ${(error as Error).message}\n\n${command.usage}`);
    return { exitCode: 2 };
  }
  if (parsed.help) {
    out(command.usage);
    return { exitCode: 0 };
  }
  return { parsed: parsed as Exclude<T, { help: true }>, out, err };
}
