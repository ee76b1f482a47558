// The two Akana policy bundles for a build: compiled from policies/ in a source checkout, the prebuilt ones of an installed package otherwise (Node only).
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { buildBundles } from './build-bundles';
import { AKANA_ENTRIES, hasPolicySources, PREBUILT_AKANA_DIR } from './entries';

export interface ProvidedBundles {
  /** pi_policy.js and retain-header-policy.js in the output folder, in AKANA_ENTRIES order. */
  bundles: { file: string; bytes: number }[];
  /** 'compiled' from the sources (checkout), 'prebuilt' copied from the installed package's dist/akana. */
  origin: 'compiled' | 'prebuilt';
}

/**
 * The bundles in `outDir`. A checkout compiles them (esbuild, TypeScript, the ES5 gates). An installed
 * package has no policy sources and no compiler: it ships the bundles that `npm pack` built and gated
 * (packaging/build-package.ts), so they are copied, after checking they are this version's.
 */
export async function provideAkanaBundles(outDir: string, version: string): Promise<ProvidedBundles> {
  if (hasPolicySources()) return { bundles: await buildBundles({ entries: AKANA_ENTRIES, outDir, version }), origin: 'compiled' };
  const bundles: { file: string; bytes: number }[] = [];
  await mkdir(resolve(outDir), { recursive: true });
  for (const entry of AKANA_ENTRIES) {
    const name = basename(entry.out);
    const prebuilt = join(PREBUILT_AKANA_DIR, name);
    if (!existsSync(prebuilt)) {
      throw new Error(`${prebuilt} missing: this installed package has neither the policy sources nor its prebuilt ${name}; reinstall the package`);
    }
    const code = await readFile(prebuilt, 'utf8');
    if (!code.slice(0, code.indexOf('\n')).endsWith(` v${version}`)) {
      throw new Error(`${prebuilt} is not the build of version ${version} (its banner says otherwise); reinstall the package`);
    }
    const file = join(resolve(outDir), name);
    if (file !== prebuilt) await copyFile(prebuilt, file);
    bundles.push({ file, bytes: Buffer.byteLength(code, 'utf8') });
  }
  return { bundles, origin: 'prebuilt' };
}
