// Runs one policy module in real Rhino: bundles it as a global, appends a script that prints JSON, and reads that JSON back (Node, tests).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rhinoJar } from '../../emulators/akana';
import { bundleEs5 } from '../../packaging/es5-bundle';

/** The JSON `script` prints after `entryPath`'s ES5 bundle has made `globalName` (Rhino shell, opt 0, as the gateways run it). */
export async function runModuleInRhino(entryPath: string, globalName: string, script: string): Promise<unknown> {
  const bundle = await bundleEs5({ entryPath, globalName, banner: `/* ${globalName}, test bundle */` });
  const dir = mkdtempSync(join(tmpdir(), 'pi-rhino-module-'));
  try {
    const file = join(dir, `${globalName}-cases.js`);
    writeFileSync(file, `${bundle}\n${script}`);
    return JSON.parse(execFileSync('java', ['-cp', rhinoJar() as string, 'org.mozilla.javascript.tools.shell.Main', '-opt', '0', file], { encoding: 'utf8', timeout: 60000 }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
