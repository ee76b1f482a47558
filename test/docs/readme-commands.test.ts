// The README's operator commands, run exactly as written in a scratch copy of the project with a three-node config (Node, vitest).
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../packaging/entries';

const MARKER = '<!-- operator-commands:';

/** The command lines of the fenced block right after the marker, comments dropped. */
export function operatorCommands(readme: string): string[] {
  const at = readme.indexOf(MARKER);
  if (at < 0) throw new Error(`README.md has no ${MARKER} block`);
  const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(at));
  if (!block) throw new Error('no ```sh block after the operator-commands marker');
  return block[1]
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line !== '');
}

const THREE_NODES = {
  aseToken: 'readme-test-token-3nodes',
  nodes: ['alpha', 'beta', 'gamma'].map((name) => ({
    name,
    service: `{urn:readme-test}ase-${name}`,
    interface: `{urn:readme-test}ase-${name}_PortType`,
    requestOperation: 'postRequestMetadata',
    responseOperation: 'postResponseMetadata'
  }))
};

const scratch = mkdtempSync(join(tmpdir(), 'readme-commands-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The project as a user has it after `npm install`: the tracked tree, node_modules beside it. */
function scratchCopy(): string {
  const dir = join(scratch, 'project');
  const skip = new Set(['node_modules', '.git', 'dist', '.cache']);
  cpSync(PROJECT_ROOT, dir, { recursive: true, filter: (source) => !skip.has(source.slice(PROJECT_ROOT.length).split('/').filter(Boolean)[0] ?? '') });
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

describe("the README's operator commands", () => {
  const commands = operatorCommands(readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8'));

  it('are the copy, validate and build steps', () => {
    expect(commands).toEqual([
      'cp examples/akana-config.json my-config.json',
      'npm run cli -- validate my-config.json',
      'npm run build -- --config my-config.json'
    ]);
  });

  it('build config.js and the tarball from the config they name, for three nodes, and leave no stray folder', () => {
    const dir = scratchCopy();
    const before = new Set(readdirSync(dir));
    const outputs: string[] = [];
    for (const command of commands) {
      const run = spawnSync('bash', ['-c', command], { cwd: dir, encoding: 'utf8', timeout: 120000, env: { ...process.env, INIT_CWD: dir } });
      outputs.push(`${command}\n${run.stdout}${run.stderr}`);
      expect(run.status, outputs.join('\n')).toBe(0);
      // The template is copied as the README says; the operator's values then go into it.
      if (command.startsWith('cp ')) writeFileSync(join(dir, 'my-config.json'), JSON.stringify(THREE_NODES, null, 2));
    }
    expect(outputs[1]).toContain('my-config.json: valid (3 ASE nodes)');

    const configJs = readFileSync(join(dir, 'dist', 'akana', 'config.js'), 'utf8');
    expect(configJs).toContain(`var ase_token = "${THREE_NODES.aseToken}";`);
    for (const node of THREE_NODES.nodes) expect(configJs).toContain(node.service);

    const version = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
    const tarball = join(dir, 'dist', `pi-api-akana-policy-${version}.tar.gz`);
    expect(existsSync(tarball)).toBe(true);
    const packed = execFileSync('tar', ['-xzOf', tarball, `pi-api-akana-policy-${version}/config.js`], { encoding: 'utf8' });
    expect(packed).toBe(configJs);

    // The build ships the JSON Schema at a stable path, and the config.js it wrote validates as config.js.
    const schema = JSON.parse(readFileSync(join(dir, 'dist', 'config.schema.json'), 'utf8')) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['$schema', 'aseToken', 'nodes']));
    const check = spawnSync('bash', ['-c', 'npm run cli -- validate dist/akana/config.js'], { cwd: dir, encoding: 'utf8', timeout: 120000, env: { ...process.env, INIT_CWD: dir } });
    expect(check.status, `${check.stdout}${check.stderr}`).toBe(0);
    expect(check.stdout).toContain('dist/akana/config.js: valid (3 ASE nodes)');

    const added = readdirSync(dir).filter((name) => !before.has(name));
    expect(added.sort()).toEqual(['dist', 'my-config.json']);
  }, 240000);
});
