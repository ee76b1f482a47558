// Finds the package's own folder from any module in it, run from source or bundled into dist/ (Node only).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The nearest folder at or above the module at `moduleUrl` that holds a package.json. A fixed
 * `new URL('..', import.meta.url)` breaks once esbuild moves the code into dist/cli/ or a shared
 * chunk; walking up finds the same root from cli/, packaging/ and dist/cli/chunks/ alike.
 */
export function packageRootOf(moduleUrl: string): string {
  const start = dirname(fileURLToPath(moduleUrl));
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json in ${start} or any folder above it`);
  }
}
