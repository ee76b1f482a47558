// The package's bin entry runs the TypeScript CLI through tsx (Node, vitest).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/pi-akana.js', import.meta.url));

it('bin/pi-akana.js lists the commands and exits 0 for --help, 2 for an unknown command', () => {
  const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8', timeout: 30000 });
  expect(help.status).toBe(0);
  for (const name of ['build', 'validate', 'upload', 'ase-standin', 'start']) expect(help.stdout).toContain(`  ${name} `);
  const unknown = spawnSync(process.execPath, [bin, 'no-such-command'], { encoding: 'utf8', timeout: 30000 });
  expect(unknown.status).toBe(2);
  expect(unknown.stderr).toContain('unknown command "no-such-command"');
});
