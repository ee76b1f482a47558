// The Apigee shared flow bundle: its files, zip, secrets kept out, ES5 gates, and apigeelint on a copy (Node, vitest).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertEs5Syntax } from '../../packaging/es5-gates';
import { PROJECT_ROOT } from '../../packaging/entries';
import { buildApigeeSharedFlow, type ApigeeBuild } from '../../packaging/apigee/build-apigee';
import { apigeeOptions } from '../../packaging/apigee/apigee-options';
import { TEST_HASH_SALT } from '../scenarios/sideband-scenarios';

const TOKEN = 'abcdefghijklmnopqrstuvwxyz012345';
const work = mkdtempSync(join(tmpdir(), 'pi-apigee-bundle-'));
const APIGEELINT = join(PROJECT_ROOT, 'node_modules', '.bin', 'apigeelint');

function configFile(name: string, config: Record<string, unknown>): string {
  const file = join(work, name);
  writeFileSync(file, JSON.stringify(config));
  return file;
}

const NODES = [
  { name: 'primary', url: 'https://ase1.example.com:8443' },
  { name: 'secondary', url: 'https://ase2.example.com:8443/' }
];

/** apigeelint on a copy of the bundle in a folder with no eslint config above it (apigeelint's ESLint rule would find the project's). */
function lint(build: ApigeeBuild): { status: number | null; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'pi-apigeelint-'));
  try {
    cpSync(build.bundleDir, join(dir, 'sharedflowbundle'), { recursive: true });
    const r = spawnSync(APIGEELINT, ['-s', 'sharedflowbundle', '--profile', 'apigeex', '--norc', '-f', 'compact.js', '--maxWarnings', '0'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 120000
    });
    return { status: r.status, out: `${r.stdout}${r.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the Apigee shared flow bundle', () => {
  let plain: ApigeeBuild;
  let full: ApigeeBuild;

  beforeAll(async () => {
    plain = await buildApigeeSharedFlow({ version: '1.2.3', outDir: join(work, 'plain'), configFile: configFile('plain.json', { aseToken: TOKEN, nodes: NODES }) });
    full = await buildApigeeSharedFlow({
      version: '1.2.3',
      outDir: join(work, 'full'),
      configFile: configFile('full.json', { aseToken: TOKEN, nodes: NODES, hashSecrets: true, hashSalt: TEST_HASH_SALT, asyncMode: true }),
      options: { name: 'pi-full', kvm: 'pi-full-kvm', usernameVariable: 'accesstoken.username', healthCache: false, truststore: 'ref://ase-truststore', keystore: 'ref://ase-keystore', keyAlias: 'gateway' }
    });
  }, 120000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('holds the flow, its policies and the two scripts, the same in the folder and the zip', () => {
    expect(plain.files).toEqual([
      'sharedflowbundle/pi-ase-sideband.xml',
      'sharedflowbundle/policies/JS-PiSideband.xml',
      'sharedflowbundle/policies/KVM-PiSecrets.xml',
      'sharedflowbundle/policies/LC-PiNodeHealth.xml',
      'sharedflowbundle/policies/PC-PiNodeHealth.xml',
      'sharedflowbundle/policies/RF-PiBlocked.xml',
      'sharedflowbundle/policies/RF-PiUnavailable.xml',
      'sharedflowbundle/resources/jsc/pi-config.js',
      'sharedflowbundle/resources/jsc/pi-sideband.js',
      'sharedflowbundle/sharedflows/default.xml'
    ]);
    const zipped = unzipSync(readFileSync(plain.zip));
    expect(Object.keys(zipped).sort()).toEqual(plain.files);
    for (const path of plain.files) expect(new TextDecoder().decode(zipped[path])).toBe(readFileSync(join(work, 'plain', path), 'utf8'));
    expect(plain.zip).toBe(join(work, 'plain', 'pi-ase-sideband.zip'));
  });

  it('never carries the token or the salt: the KVM step reads them into private variables', () => {
    for (const build of [plain, full]) {
      const zipped = unzipSync(readFileSync(build.zip));
      for (const bytes of Object.values(zipped)) {
        const text = new TextDecoder().decode(bytes);
        expect(text).not.toContain(TOKEN);
        expect(text).not.toContain(TEST_HASH_SALT);
      }
    }
    const kvm = readFileSync(join(full.bundleDir, 'policies', 'KVM-PiSecrets.xml'), 'utf8');
    expect(kvm).toContain('mapIdentifier="pi-full-kvm"');
    expect(kvm).toContain('<Get assignTo="private.pi.ase.token">');
    expect(kvm).toContain('<Parameter>ase_token</Parameter>');
    expect(kvm).toContain('<Get assignTo="private.pi.ase.hash_salt">');
    // Read whether or not hashSecrets is on: turning it on later needs only a new pi-config.js.
    expect(readFileSync(join(plain.bundleDir, 'policies', 'KVM-PiSecrets.xml'), 'utf8')).toContain('<Parameter>hash_salt</Parameter>');
    const settings = readFileSync(join(full.bundleDir, 'resources', 'jsc', 'pi-config.js'), 'utf8');
    expect(settings).toMatch(/kvmEntries: \{\n\s+aseToken: true,\n\s+hashSalt: true\n/);
    expect(settings).toContain('url: "https://ase2.example.com:8443"');
  });

  it('writes ES5 scripts and a script timeLimit from the call budget (or the async bound)', () => {
    for (const name of ['pi-sideband.js', 'pi-config.js']) assertEs5Syntax(readFileSync(join(plain.bundleDir, 'resources', 'jsc', name), 'utf8'), name);
    expect(plain.timeLimitMs).toBe(1250);
    expect(readFileSync(join(plain.bundleDir, 'policies', 'JS-PiSideband.xml'), 'utf8')).toContain('timeLimit="1250" continueOnError="true"');
    expect(full.timeLimitMs).toBe(200);
  });

  it('renders the options: no cache steps without healthCache, SSLInfo with truststore and client certificate', () => {
    expect(full.files).not.toContain('sharedflowbundle/policies/LC-PiNodeHealth.xml');
    const flow = readFileSync(join(full.bundleDir, 'sharedflows', 'default.xml'), 'utf8');
    expect(flow).not.toContain('PiNodeHealth');
    expect(flow).toContain('<Condition>pi.ase.blocked = "403"</Condition>');
    const js = readFileSync(join(full.bundleDir, 'policies', 'JS-PiSideband.xml'), 'utf8');
    expect(js).toContain('<TrustStore>ref://ase-truststore</TrustStore>');
    expect(js).toContain('<KeyStore>ref://ase-keystore</KeyStore>');
    expect(js).toContain('<KeyAlias>gateway</KeyAlias>');
    expect(readFileSync(join(full.bundleDir, 'pi-full.xml'), 'utf8')).toContain('<SharedFlowBundle revision="1" name="pi-full">');
  });

  it('gives the same zip for the same sources', async () => {
    const again = await buildApigeeSharedFlow({ version: '1.2.3', outDir: join(work, 'again'), configFile: join(work, 'plain.json') });
    expect(readFileSync(again.zip).equals(readFileSync(plain.zip))).toBe(true);
  }, 60000);

  it('refuses a node without url, naming it, and bad option values, naming the option', async () => {
    const akana = configFile('akana.json', JSON.parse(readFileSync(join(PROJECT_ROOT, 'examples', 'akana-config.json'), 'utf8')));
    await expect(buildApigeeSharedFlow({ version: '1.2.3', outDir: join(work, 'bad'), configFile: akana })).rejects.toThrow(/nodes\[0\] has no url: on Apigee the script calls ASE by URL/);
    expect(() => apigeeOptions({ name: 'bad name' })).toThrow(/shared flow name/);
    expect(() => apigeeOptions({ usernameVariable: 'has space' })).toThrow(/usernameVariable/);
    expect(() => apigeeOptions({ keystore: 'ks' })).toThrow(/both keystore and keyAlias/);
  });

  it.each([
    ['the default bundle', () => plain],
    ['every option on', () => full]
  ])('passes apigeelint (profile apigeex) with no error and no warning: %s', (_name, build) => {
    const result = lint(build());
    expect(result.out).not.toMatch(/Error|Warning/);
    expect(result.status).toBe(0);
  }, 120000);
});
