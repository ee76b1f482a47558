// `docs` command: rewrites the README's configuration reference from the config schema (Node only).
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Command } from '../cli';
import { startCommand, type LineIo } from '../command-io';
import { PROJECT_ROOT } from '../../packaging/entries';
import { withConfigReference } from '../../config/config-reference';

const command: Command = {
  name: 'docs',
  summary: "regenerate README.md's configuration reference from the config schema",
  usage: ['docs', '', "Replaces the table between README.md's config-reference markers with one generated from", 'config/config-schema.ts (a test fails when the README is out of date).'].join('\n'),
  async run(argv: string[], io: LineIo = {}) {
    const start = startCommand(argv, io, command, (args) => parseArgs({ args, options: {}, allowPositionals: false, strict: true }).values);
    if ('exitCode' in start) return start.exitCode;
    const file = join(PROJECT_ROOT, 'README.md');
    const before = await readFile(file, 'utf8');
    const after = withConfigReference(before);
    await writeFile(file, after, 'utf8');
    start.out(before === after ? 'README.md configuration reference already up to date' : 'README.md configuration reference updated');
    return 0;
  }
};

export default command;
