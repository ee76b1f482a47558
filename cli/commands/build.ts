// `build` command: ES5 bundles of the Akana policy entries into dist/akana, then the release tarball (Node only).
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Command } from '../cli';
import { startCommand, userPath, type LineIo } from '../command-io';
import { buildBundles, readPackageVersion } from '../../packaging/build-bundles';
import { AKANA_CONFIG, AKANA_ENTRIES, PROJECT_ROOT } from '../../packaging/entries';
import { DEFAULT_DIST, packageAkana, printWarnings, shown } from './package';
import { validateConfigFile } from '../../config/config-file';
import { buildAkanaConfigJs } from '../../config/config-js-build';
import { buildNodeEntry } from '../../packaging/build-node-entry';
import { schemaPathIn, writeConfigSchema } from '../../config/schema-file';

const command: Command = {
  name: 'build',
  summary: 'build the Akana policy scripts (ES5, gated) into dist/akana, package them, and build the Node entry into dist/node',
  usage: [
    'build [--config <file.json>] [--dist <dir>]',
    '',
    'Bundles policies/pi-policy.ts and retain-header.ts into ES5 scripts for Rhino, renders config.js',
    'from the validated JSON config (default examples/akana-config.json: replace its placeholders),',
    'checks each (ES5 syntax; a smoke run without ES2015+ built-ins), writes them to <dist>/akana and',
    'packs them with INSTALL.md into <dist>/pi-api-akana-policy-<version>.tar.gz, then builds the Node',
    'entry (ESM + types) into <dist>/node, and the config\'s JSON Schema to <dist>/config.schema.json.',
    'Same sources, same bytes. Paths are relative to your folder.',
    '',
    'options:',
    '  --config <file>  JSON config (see "validate"); its values go into config.js',
    '  --dist <dir>  output folder (default: dist/ of the project)',
    '  -h, --help    show this help'
  ].join('\n'),
  async run(argv: string[], io: LineIo = {}) {
    const start = startCommand(argv, io, command, (args) =>
      parseArgs({ args, options: { dist: { type: 'string' }, config: { type: 'string' } }, allowPositionals: false, strict: true }).values
    );
    if ('exitCode' in start) return start.exitCode;
    const { parsed: values, out, err } = start;
    const distDir = values.dist === undefined ? DEFAULT_DIST : userPath(values.dist);
    const version = await readPackageVersion();
    const bundles = await buildBundles({ entries: AKANA_ENTRIES, outDir: join(distDir, 'akana'), version });
    const configFile = values.config === undefined ? join(PROJECT_ROOT, AKANA_CONFIG.defaultSource) : userPath(values.config);
    bundles.push(await buildAkanaConfigJs({ configFile, outDir: join(distDir, 'akana'), version }));
    for (const bundle of bundles) out(`wrote ${shown(bundle.file)} (${bundle.bytes} bytes)`);
    const result = await packageAkana({ distDir, version });
    out(`wrote ${shown(result.file)}: ${result.entries.join(', ')}`);
    // The warnings in the names of the file the operator edits (the JSON), not of the config.js made from it.
    const checked = await validateConfigFile(configFile, shown(configFile));
    if (checked.status === 'valid') printWarnings(checked.warnings, shown(configFile), err);
    const schemaFile = schemaPathIn(distDir);
    const schemaError = await writeConfigSchema(schemaFile, shown(schemaFile));
    if (schemaError !== undefined) throw new Error(schemaError);
    out(`wrote ${shown(schemaFile)} (the config's JSON Schema, for editors: "$schema" in your JSON config)`);
    const node = await buildNodeEntry(join(distDir, 'node'));
    out(`wrote ${shown(node.outDir)}: the Node entry (${node.files.filter((file) => !file.startsWith('types/')).join(', ')} and their types)`);
    return 0;
  }
};

export default command;
