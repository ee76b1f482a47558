// The package's bin entry runs the TypeScript CLI through tsx (Node, vitest).
import { spawn, spawnSync } from 'node:child_process';
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

it('ends quietly (status 141, no stack trace) when the reader of its output has closed the pipe, as `| head -1` does', async () => {
  const child = spawn(process.execPath, [bin, 'validate', fileURLToPath(new URL('../../examples/akana-config.json', import.meta.url))], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  // The read end closed before the CLI writes anything: its first line hits EPIPE.
  child.stdout.destroy();
  const status = await new Promise<number | null>((resolveExit) => child.on('close', (code) => resolveExit(code)));
  expect(stderr).not.toContain('EPIPE');
  expect(stderr).not.toContain('Unhandled');
  expect(status).toBe(141);
}, 60000);
