// Builds the Node entry of the package: dist/node/{index,test-kit}.js (esbuild, ESM) and their .d.ts (tsc) (Node only).
//
// Usage: tsx packaging/build-node-entry.ts [outDir]   (default dist/node)
// package.json maps "./node" and "./node/test-kit" to these files (types first, then import).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The public entries: output name -> source, relative to the project root. */
export const NODE_ENTRIES: Record<string, string> = {
  index: 'node/index.ts',
  'test-kit': 'node/test-kit.ts'
};

export interface NodeEntryBuild {
  outDir: string;
  /** Paths relative to outDir of everything written. */
  files: string[];
}

function listFiles(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listFiles(path, base));
    else out.push(path.slice(base.length + 1));
  }
  return out.sort();
}

/**
 * tsc keeps our extensionless relative imports ('./sideband'); an ESM consumer resolving with
 * NodeNext needs './sideband.js' (or './dir/index.js'). Rewrites each relative specifier in place.
 */
export function addDeclarationExtensions(typesDir: string): void {
  const specifier = /(\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]*?)\2/g;
  for (const file of listFiles(typesDir).filter((f) => f.endsWith('.d.ts'))) {
    const path = join(typesDir, file);
    const text = readFileSync(path, 'utf8');
    const fixed = text.replace(specifier, (whole, lead: string, quote: string, spec: string) => {
      if (/\.(js|mjs|cjs|json)$/.test(spec)) return whole;
      const target = resolve(dirname(path), spec);
      if (existsSync(target + '.d.ts')) return `${lead}${quote}${spec}.js${quote}`;
      if (existsSync(join(target, 'index.d.ts'))) return `${lead}${quote}${spec}/index.js${quote}`;
      return whole;
    });
    if (fixed !== text) writeFileSync(path, fixed);
  }
}

/** Bundles the entries (dependencies stay imports) and emits their declarations under outDir/types. */
export async function buildNodeEntry(outDir = join(ROOT, 'dist/node')): Promise<NodeEntryBuild> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const entryPoints: Record<string, string> = {};
  for (const [name, source] of Object.entries(NODE_ENTRIES)) entryPoints[name] = join(ROOT, source);
  await build({
    entryPoints,
    outdir: outDir,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'silent'
  });

  const typesDir = join(outDir, 'types');
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'node/tsconfig.build.json'), '--outDir', typesDir], { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`tsc could not emit the Node entry's declarations:\n${result.stdout}${result.stderr}`);
  }
  addDeclarationExtensions(typesDir);
  for (const name of Object.keys(NODE_ENTRIES)) {
    writeFileSync(join(outDir, `${name}.d.ts`), `export * from './types/node/${name}.js';\n`);
  }
  return { outDir, files: listFiles(outDir) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  buildNodeEntry(process.argv[2] ? resolve(process.argv[2]) : undefined).then(
    (built) => console.log(`Node entry: ${built.files.filter((f) => !f.startsWith('types/')).join(', ')} (+ ${built.files.length} files) in ${built.outDir}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    }
  );
}
