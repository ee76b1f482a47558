// Builds everything the npm package ships (package.json "prepack"): prebuilt Akana bundles, the Node entry, the CLI, the config JSON Schema (Node only).
//
// Usage: tsx packaging/build-package.ts   (npm pack and npm publish run it; writes into dist/)
// Never a rendered config.js: that holds an operator's token, and package.json's "files" excludes it too.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { buildBundles, readPackageVersion } from './build-bundles';
import { buildCli } from './build-cli';
import { buildNodeEntry } from './build-node-entry';
import { AKANA_ENTRIES, PROJECT_ROOT } from './entries';
import { writeConfigSchema } from '../config/schema-file';

/** The shipped JSON Schema of the config: a stable path an editor's json.schemas can point at in node_modules. */
export const SHIPPED_SCHEMA = join(PROJECT_ROOT, 'dist', 'config.schema.json');

export async function buildPackage(say: (line: string) => void): Promise<void> {
  const dist = join(PROJECT_ROOT, 'dist');
  const version = await readPackageVersion();
  const bundles = await buildBundles({ entries: AKANA_ENTRIES, outDir: join(dist, 'akana'), version });
  say(`Akana bundles: ${bundles.map((bundle) => `${bundle.file} (${bundle.bytes} bytes)`).join(', ')}`);
  const node = await buildNodeEntry(join(dist, 'node'));
  say(`Node entry: ${node.files.filter((file) => !file.startsWith('types')).join(', ')} and ${node.files.filter((file) => file.startsWith('types')).length} declaration files in ${node.outDir}`);
  const cli = await buildCli(join(dist, 'cli'));
  say(`CLI: ${cli.files.length} files in ${cli.outDir}`);
  const schemaError = await writeConfigSchema(SHIPPED_SCHEMA);
  if (schemaError !== undefined) throw new Error(schemaError);
  say(`config JSON Schema: ${SHIPPED_SCHEMA}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  buildPackage((line) => console.log(line)).catch((error: unknown) => {
    console.error(`build-package: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
