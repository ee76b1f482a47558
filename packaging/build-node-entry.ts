// Builds the Node entry of the package: dist/node/{index,test-kit}.js (ESM) and .cjs (CommonJS) with esbuild, their .d.ts and .d.cts from tsc (Node only).
//
// Usage: tsx packaging/build-node-entry.ts [outDir]   (default dist/node)
// package.json maps "./node" and "./node/test-kit" to these files: "import" to .js + .d.ts, "require"
// to .cjs + .d.cts, "types" first inside each. Two declaration trees, because TypeScript reads a
// .d.ts in this "type": "module" package as ESM, which a CommonJS consumer may not require (TS1479).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type BuildOptions } from 'esbuild';
import { PROJECT_ROOT as ROOT } from './entries';

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

/**
 * The CommonJS copy of the declaration tree: each .d.ts as .d.cts, its relative './x.js' specifiers
 * as './x.cjs' (which TypeScript resolves to ./x.d.cts), so a require() consumer reads CommonJS types.
 */
export function writeCommonJsDeclarations(typesDir: string, cjsDir: string): void {
  const specifier = /(\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]*?)\.js\2/g;
  for (const file of listFiles(typesDir).filter((f) => f.endsWith('.d.ts'))) {
    const text = readFileSync(join(typesDir, file), 'utf8').replace(specifier, (_whole, lead: string, quote: string, spec: string) => `${lead}${quote}${spec}.cjs${quote}`);
    const target = join(cjsDir, file.replace(/\.d\.ts$/, '.d.cts'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
}

/** Bundles the entries twice, ESM (.js) and CommonJS (.cjs), dependencies kept as imports/requires. */
async function bundleEntries(outDir: string): Promise<void> {
  const entryPoints: Record<string, string> = {};
  for (const [name, source] of Object.entries(NODE_ENTRIES)) entryPoints[name] = join(ROOT, source);
  const common: BuildOptions = { entryPoints, outdir: outDir, bundle: true, platform: 'node', target: 'node20', packages: 'external', logLevel: 'silent' };
  await build({ ...common, format: 'esm' });
  await build({
    ...common,
    format: 'cjs',
    outExtension: { '.js': '.cjs' },
    // import.meta.url (node/telemetry.ts resolves the optional @opentelemetry/api from here) has no
    // CommonJS meaning: the file's own URL stands in for it.
    define: { 'import.meta.url': '__piModuleUrl' },
    banner: { js: `"use strict";\nconst __piModuleUrl = require('node:url').pathToFileURL(__filename).href;` }
  });
}

/** Bundles the entries (ESM and CommonJS) and emits their declarations under outDir/types and outDir/types-cjs. */
export async function buildNodeEntry(outDir = join(ROOT, 'dist/node')): Promise<NodeEntryBuild> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  await bundleEntries(outDir);

  const typesDir = join(outDir, 'types');
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'node/tsconfig.build.json'), '--outDir', typesDir], { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`tsc could not emit the Node entry's declarations:\n${result.stdout}${result.stderr}`);
  }
  addDeclarationExtensions(typesDir);
  writeCommonJsDeclarations(typesDir, join(outDir, 'types-cjs'));
  for (const name of Object.keys(NODE_ENTRIES)) {
    writeFileSync(join(outDir, `${name}.d.ts`), `export * from './types/node/${name}.js';\n`);
    writeFileSync(join(outDir, `${name}.d.cts`), `export * from './types-cjs/node/${name}.cjs';\n`);
  }
  return { outDir, files: listFiles(outDir) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  buildNodeEntry(process.argv[2] ? resolve(process.argv[2]) : undefined).then(
    (built) => console.log(`Node entry: ${built.files.filter((f) => !f.startsWith('types')).join(', ')} (+ ${built.files.length} files) in ${built.outDir}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    }
  );
}
