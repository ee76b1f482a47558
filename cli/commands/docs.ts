// `docs` command: rewrites the README's generated tables (configuration reference, log codes) from their sources (Node only).
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Command } from '../cli';
import { startCommand, type LineIo } from '../command-io';
import { hasPolicySources, PROJECT_ROOT } from '../../packaging/entries';
import { withConfigReference } from '../../config/config-reference';
import { withCodesReference } from '../docs/codes-reference';

const command: Command = {
  name: 'docs',
  summary: "regenerate README.md's configuration reference and codes table from their sources",
  usage: [
    'docs',
    '',
    "Replaces the tables between README.md's config-reference markers (from config/config-schema.ts) and",
    'codes-reference markers (from policies/core/errors.ts); a test fails when the README is out of date.'
  ].join('\n'),
  async run(argv: string[], io: LineIo = {}) {
    const start = startCommand(argv, io, command, (args) => parseArgs({ args, options: {}, allowPositionals: false, strict: true }).values);
    if ('exitCode' in start) return start.exitCode;
    if (!hasPolicySources()) {
      // An installed package's README is npm's copy of the published one: regenerating it there would
      // only edit node_modules. The tables come from the sources, which only a checkout has.
      start.err(`${command.name}: regenerates the README of a source checkout of this project (git clone, npm install, npm run docs); this is an installed package, whose README is already generated`);
      return 1;
    }
    const file = join(PROJECT_ROOT, 'README.md');
    const before = await readFile(file, 'utf8');
    const after = withCodesReference(withConfigReference(before));
    await writeFile(file, after, 'utf8');
    start.out(before === after ? 'README.md generated tables already up to date' : 'README.md generated tables updated');
    return 0;
  }
};

export default command;
