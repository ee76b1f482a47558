// The tarball's INSTALL.md (Node): the README's deployment guide and configuration reference, word for word, with what operators must not miss.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundles } from '../../packaging/build-bundles';
import { buildAkanaConfigJs } from '../../config/config-js-build';
import { packageAkana } from '../../cli/commands/package';
import { PROJECT_ROOT } from '../../packaging/entries';
import { configReference, installGuide, renderInstallNote } from '../../packaging/install-note';
import { FIXTURE_ENTRIES, listTarball } from './build-helpers';

let work = '';
let packed = '';
let readme = '';

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'install-note-test-'));
  await buildBundles({ entries: FIXTURE_ENTRIES, outDir: join(work, 'akana'), version: '4.5.6' });
  await buildAkanaConfigJs({ outDir: join(work, 'akana'), version: '4.5.6' });
  const { file } = await packageAkana({ distDir: work, version: '4.5.6' });
  const entry = (await listTarball(file)).find((listed) => listed.path.endsWith('/INSTALL.md'));
  packed = entry?.text ?? '';
  readme = await readFile(join(PROJECT_ROOT, 'README.md'), 'utf8');
}, 120000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('INSTALL.md in the tarball', () => {
  it("holds the README's 'Deploying on Akana' section and configuration reference, word for word", () => {
    expect(packed.startsWith('# pi-api-akana-policy 4.5.6: installing in Akana\n')).toBe(true);
    const guide = installGuide(readme);
    expect(guide.startsWith('## Deploying on Akana\n')).toBe(true);
    expect(packed).toContain(guide);
    expect(packed).toContain(configReference(readme));
    expect(packed).not.toMatch(/\{\{|<!--/);
  });

  it('is a complete operator guide: steps 1 to 6, what happens on a call, the codes, the settings Akana owns, the reference', () => {
    for (const step of ['1. **Prepare ASE.**', '2. **Register each ASE node', '3. **Add `config.js`**', '4. **Add `pi_policy.js`**', '5. **Add `retain-header-policy.js`**', '6. **Attach both policies**']) {
      expect(packed, step).toContain(step);
    }
    expect(packed).toContain('### What happens on a call');
    expect(packed).toMatch(/\| `CONFIG_INVALID` \| .* \| every call forwarded \|/);
    expect(packed).toMatch(/never the management\s+port 8010/);
    expect(packed).toMatch(/sideband keep-alive/);
    expect(packed).toMatch(/\*\*CA-signed\*\* certificate/);
    expect(packed).toMatch(/socket timeouts short/);
    expect(packed).toMatch(/\| `aseToken` \| `ase_token` \|/);
    expect(packed).toMatch(/\| `anonymousUsernames` \| `pi_options\.anonymousUsernames` \|/);
  });

  it('fails loudly when the README lost its markers', () => {
    expect(() => renderInstallNote('{{install-guide}}', '# no markers', '1.0.0')).toThrow(/README\.md lacks the markers <!-- install-guide:start/);
  });
});
