// npm pack never ships an operator's rendered config.js or a built tarball: the package.json files rules, checked by npm itself (Node).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../packaging/entries';

const scratch = mkdtempSync(join(tmpdir(), 'npm-pack-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('npm pack', () => {
  it('lists the built scripts but never dist/akana/config.js (it holds the ASE token) nor a tarball', () => {
    cpSync(join(PROJECT_ROOT, 'package.json'), join(scratch, 'package.json'));
    mkdirSync(join(scratch, 'dist', 'akana'), { recursive: true });
    for (const name of ['pi_policy.js', 'retain-header-policy.js', 'INSTALL.md']) writeFileSync(join(scratch, 'dist', 'akana', name), '// built\n');
    writeFileSync(join(scratch, 'dist', 'akana', 'config.js'), 'var ase_token = "operator-secret";\n');
    writeFileSync(join(scratch, 'dist', 'pi-api-akana-policy-1.0.0.tar.gz'), 'tarball');
    // --ignore-scripts: this checks the files rules alone, not the prepack build.
    const report = JSON.parse(
      execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: scratch, encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'silent' } })
    ) as Array<{ files: Array<{ path: string }> }>;
    const paths = report[0].files.map((file) => file.path);
    expect(paths).toContain('dist/akana/pi_policy.js');
    expect(paths).toContain('dist/akana/retain-header-policy.js');
    expect(paths.filter((path) => /config\.js$/.test(path) && path.startsWith('dist/'))).toEqual([]);
    expect(paths.filter((path) => path.endsWith('.tar.gz'))).toEqual([]);
  });
});
