// `build` command: ES5 bundles of the Akana policy entries into dist/akana, then the release tarball (Node only).
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Command } from '../cli';
import { buildBundles, readPackageVersion } from '../../packaging/build-bundles';
import { AKANA_ENTRIES } from '../../packaging/entries';
import { DEFAULT_DIST, packageAkana, shown } from './package';
import { buildAkanaConfigJs } from '../../config/config-js-build';

const command: Command = {
  name: 'build',
  summary: 'build the Akana policy scripts (ES5, gated) into dist/akana and package them',
  usage: [
    'build [--config <file.json>] [--dist <dir>]',
    '',
    'Bundles policies/pi-policy.ts and retain-header.ts into ES5 scripts for Rhino, renders config.js',
    'from the validated JSON config (default examples/akana-config.json: replace its placeholders),',
    'checks each (ES5 syntax; a smoke run without ES2015+ built-ins), writes them to <dist>/akana and',
    'packs them with INSTALL.md into <dist>/pi-api-akana-policy-<version>.tar.gz. Same sources, same bytes.',
    '',
    'options:',
    '  --config <file>  JSON config (see "validate"); its values go into config.js',
    '  --dist <dir>  output folder (default: dist/ of the project)',
    '  -h, --help    show this help'
  ].join('\n'),
  async run(argv) {
    const { values } = parseArgs({ args: argv, options: { dist: { type: 'string' }, config: { type: 'string' } }, allowPositionals: false, strict: true });
    const distDir = resolve(values.dist ?? DEFAULT_DIST);
    const version = await readPackageVersion();
    const bundles = await buildBundles({ entries: AKANA_ENTRIES, outDir: join(distDir, 'akana'), version });
    bundles.push(await buildAkanaConfigJs({ configFile: values.config, outDir: join(distDir, 'akana'), version }));
    for (const bundle of bundles) process.stdout.write(`wrote ${shown(bundle.file)} (${bundle.bytes} bytes)\n`);
    const result = await packageAkana({ distDir, version });
    process.stdout.write(`wrote ${shown(result.file)}: ${result.entries.join(', ')}\n`);
    return 0;
  }
};

export default command;
