// `build` command: the Akana policy scripts into dist/akana (compiled in a checkout, prebuilt from an installed package), config.js, the release tarball (Node only).
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Command } from '../cli';
import { startCommand, userPath, type LineIo } from '../command-io';
import { readPackageVersion } from '../../packaging/build-bundles';
import { provideAkanaBundles } from '../../packaging/akana-bundles';
import { AKANA_CONFIG, PROJECT_ROOT } from '../../packaging/entries';
import { DEFAULT_DIST, packageAkana, printWarnings, shown } from './package';
import { validateConfigFile } from '../../config/config-file';
import { schemaPathIn, writeConfigSchema } from '../../config/schema-file';
import { buildAkanaConfigJs } from '../../config/config-js-build';

const command: Command = {
  name: 'build',
  summary: 'build the Akana policy scripts and your config.js into dist/akana and package them (in a checkout also the Apigee shared flow into dist/apigee and the Node entry into dist/node)',
  usage: [
    'build [--config <file.json>] [--apigee-config <file.json>] [--dist <dir>]',
    '',
    'Renders config.js from the validated JSON config (default examples/akana-config.json: replace its',
    'placeholders) and checks that the policy loads it back unchanged; writes it with pi_policy.js and',
    'retain-header-policy.js to <dist>/akana and packs the three with INSTALL.md into',
    '<dist>/pi-api-akana-policy-<version>.tar.gz, and writes the config\'s JSON Schema to',
    '<dist>/config.schema.json. The config\'s warnings (validate) are printed. Paths are relative to your folder.',
    '',
    'In a source checkout the two policy scripts are compiled from policies/ (esbuild, ES5 for Rhino,',
    'gated: ES5 syntax and a smoke run without ES2015+ built-ins), and the Node entry is built into',
    '<dist>/node, and the Apigee shared flow (the same core, ES5, gated) into <dist>/apigee: sharedflowbundle/',
    'and <name>.zip, its pi-config.js rendered from --apigee-config (default examples/apigee-config.json;',
    'every node needs a url) without the token, which goes to a KVM (see apigee-deploy). From an installed package (npx pi-akana build) they are the prebuilt, gated scripts the',
    'package ships, copied unchanged: nothing is compiled, and <dist> defaults to dist/ in your folder.',
    '',
    'options:',
    '  --config <file>  JSON config (see "validate"); its values go into config.js',
    '  --apigee-config <file>  JSON config for the Apigee shared flow (nodes with url; checkout only)',
    '  --dist <dir>  output folder (default: dist/ of the project; from an installed package, dist/ in your folder)',
    '  -h, --help    show this help'
  ].join('\n'),
  async run(argv: string[], io: LineIo = {}) {
    const start = startCommand(argv, io, command, (args) =>
      parseArgs({ args, options: { dist: { type: 'string' }, config: { type: 'string' }, 'apigee-config': { type: 'string' } }, allowPositionals: false, strict: true }).values
    );
    if ('exitCode' in start) return start.exitCode;
    const { parsed: values, out, err } = start;
    const distDir = values.dist === undefined ? DEFAULT_DIST : userPath(values.dist);
    const version = await readPackageVersion();
    const akanaDir = join(distDir, 'akana');
    const provided = await provideAkanaBundles(akanaDir, version);
    const written = [...provided.bundles];
    const configFile = values.config === undefined ? join(PROJECT_ROOT, AKANA_CONFIG.defaultSource) : userPath(values.config);
    written.push(await buildAkanaConfigJs({ configFile, outDir: akanaDir, version }));
    for (const bundle of written) out(`wrote ${shown(bundle.file)} (${bundle.bytes} bytes)`);
    if (provided.origin === 'prebuilt') out(`(pi_policy.js and retain-header-policy.js are the prebuilt scripts of this package, v${version})`);
    const result = await packageAkana({ distDir, version });
    out(`wrote ${shown(result.file)}: ${result.entries.join(', ')}`);
    // The warnings in the names of the file the operator edits (the JSON), not of the config.js made from it.
    const checked = await validateConfigFile(configFile, shown(configFile));
    if (checked.status === 'valid') printWarnings(checked.warnings, shown(configFile), err);
    const schemaFile = schemaPathIn(distDir);
    const schemaError = await writeConfigSchema(schemaFile, shown(schemaFile));
    if (schemaError !== undefined) throw new Error(schemaError);
    out(`wrote ${shown(schemaFile)} (the config's JSON Schema, for editors: "$schema" in your JSON config)`);
    if (provided.origin === 'compiled') {
      // Loaded only here: the Apigee and Node entry builds need esbuild and TypeScript, dev dependencies of the checkout.
      const { buildApigeeSharedFlow } = await import('../../packaging/apigee/build-apigee');
      const apigeeConfig = values['apigee-config'];
      const apigee = await buildApigeeSharedFlow({ configFile: apigeeConfig === undefined ? undefined : userPath(apigeeConfig), outDir: join(distDir, 'apigee'), version });
      out(`wrote ${shown(apigee.zip)} (${apigee.zipBytes} bytes) and ${shown(apigee.bundleDir)}: the Apigee shared flow ${apigee.options.name}`);
      const { buildNodeEntry } = await import('../../packaging/build-node-entry');
      const node = await buildNodeEntry(join(distDir, 'node'));
      out(`wrote ${shown(node.outDir)}: the Node entry (${node.files.filter((file) => !file.startsWith('types')).join(', ')} and their types)`);
    }
    return 0;
  }
};

export default command;
