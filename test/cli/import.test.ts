// The `import` command (Node): Ping's config.js and ours into the JSON config, values kept, refusals.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../packaging/entries';
import command from '../../cli/commands/import';
import { buildAkanaConfigJs } from '../../config/config-js-build';
import { validateConfigFile } from '../../config/config-file';

const PING = join(PROJECT_ROOT, 'test', 'config', 'fixtures', 'ping-config.js');
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'import-cli-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function run(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await command.run(argv, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out, err };
}

describe('import command', () => {
  it("turns Ping's config.js into our JSON on stdout: its values, nodes primary and secondary", async () => {
    const result = await run(PING);
    expect(result.err).toEqual([]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out.join('\n'))).toEqual({
      aseToken: 'ping-sideband-token-0001',
      nodes: [
        {
          name: 'primary',
          service: '{pi-as-ase-primary_0.0.0}svc_6f1c2a7e-1111-4a4a-9b9b-0123456789ab.acme.sandbox',
          interface: '{pi-as-ase-primary_0.0.0}pi-as-ase-primary_PortType_0',
          requestOperation: 'postRequestMetadata',
          responseOperation: 'postResponseMetadata'
        },
        {
          name: 'secondary',
          service: '{pi-as-ase-secondary_0.0.0}svc_6f1c2a7e-2222-4a4a-9b9b-0123456789ab.acme.sandbox',
          interface: '{pi-as-ase-secondary_0.0.0}pi-as-ase-secondary_PortType_0',
          requestOperation: 'postRequestMetadata',
          responseOperation: 'postResponseMetadata'
        }
      ]
    });
  });

  it('merges pi_options (extraNodes after the two); the JSON builds into an equal config.js', async () => {
    const source = join(dir, 'config.js');
    const dr = '{ name: "dr", service: "{dr}svc", interface: "{dr}if", requestOperation: "postRequestMetadata", responseOperation: "postResponseMetadata" }';
    writeFileSync(
      source,
      readFileSync(PING, 'utf8').replace(/var primary_ase_interface = /, 'var unused_by_the_policy = "";\nvar primary_ase_interface = ') +
        `var pi_options = { retryAfterMs: 1000, failClosed: true, extraNodes: [${dr}] };\n`
    );
    const target = join(dir, 'imported.json');
    const result = await run(source, '--out', target);
    expect(result.err).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.out[0]).toMatch(/^wrote .*imported\.json \(\d ASE nodes\): build with pi-akana build --config /);
    const json = JSON.parse(readFileSync(target, 'utf8'));
    expect(result.out[0]).toMatch(/\(3 ASE nodes\)/);
    expect(json.nodes.map((node: { name: string }) => node.name)).toEqual(['primary', 'secondary', 'dr']);
    expect(json).toMatchObject({ retryAfterMs: 1000, failClosed: true });
    expect(json).not.toHaveProperty('extraNodes');
    expect(json).not.toHaveProperty('pi_options');

    const built = await buildAkanaConfigJs({ configFile: target, outDir: join(dir, 'out'), version: '0.0.1' });
    const fromJs = await validateConfigFile(source);
    const fromBuilt = await validateConfigFile(built.file);
    expect(fromJs.status).toBe('valid');
    expect(fromBuilt.status === 'valid' && fromJs.status === 'valid' && fromBuilt.config).toEqual(fromJs.status === 'valid' && fromJs.config);
  });

  it('imports nothing from a config.js that does not validate, naming its variables', async () => {
    const source = join(dir, 'config.js');
    writeFileSync(source, readFileSync(PING, 'utf8').replace('var primary_ase_request_operation = "postRequestMetadata";', ''));
    const target = join(dir, 'imported.json');
    const result = await run(source, '-o', target);
    expect(result.code).toBe(1);
    expect(result.err[0]).toMatch(/does not validate, nothing imported/);
    expect(result.err[1]).toMatch(/^ {2}primary_ase_request_operation: /);
    expect(existsSync(target)).toBe(false);
    expect(result.err.join('\n')).not.toContain('ping-sideband-token');
  });

  it('never replaces a file without --force, and says so', async () => {
    const target = join(dir, 'imported.json');
    writeFileSync(target, 'keep me');
    const refused = await run(PING, '--out', target);
    expect(refused.code).toBe(1);
    expect(refused.err[0]).toMatch(/imported\.json exists: pass --force to replace it$/);
    expect(readFileSync(target, 'utf8')).toBe('keep me');
    expect((await run(PING, '--out', target, '--force')).code).toBe(0);
    expect(JSON.parse(readFileSync(target, 'utf8')).aseToken).toBe('ping-sideband-token-0001');
  });

  it('has the command shape: --help, one-line usage errors, a missing file', async () => {
    expect((await run('--help')).out.join('\n')).toMatch(/^usage: pi-akana import <config\.js>/);
    const none = await run();
    expect(none.code).toBe(2);
    expect(none.err).toEqual(['pi-akana import: name the config.js to import (run "pi-akana import --help" for the options)']);
    const missing = await run(join(dir, 'nope.js'));
    expect(missing.code).toBe(1);
    expect(missing.err[0]).toMatch(/nope\.js not found: check the path$/);
  });
});
