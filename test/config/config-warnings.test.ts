// The warning rules (Node): risky but valid configs are named with the field and the fix; a clean config has none.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configWarnings, unreadVariableWarnings } from '../../config/config-warnings';
import { validateConfigWithZod } from '../../config/config-schema';
import { PROJECT_ROOT } from '../../packaging/entries';
import type { PolicyConfig } from '../../policies/core/config-types';

function config(raw: unknown): PolicyConfig {
  const checked = validateConfigWithZod(raw);
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  return checked.config;
}

const node = (name: string, host: string) => ({ name, url: `https://${host}:8443` });
const clean = { aseToken: 'tok-1', nodes: [node('primary', 'ase1.acme.net'), node('secondary', 'ase2.acme.net')] };

describe('configWarnings', () => {
  it('has nothing to say of a config with a token, two real nodes and no switches', () => {
    expect(configWarnings(config(clean))).toEqual([]);
  });

  it("names every risk of the shipped example: empty token and the placeholder services", () => {
    const example = JSON.parse(readFileSync(join(PROJECT_ROOT, 'examples', 'akana-config.json'), 'utf8'));
    const warnings = configWarnings(config(example));
    expect(warnings.map((warning) => warning.path)).toEqual(['aseToken', 'nodes[0].service', 'nodes[1].service']);
    expect(warnings[0].message).toMatch(/^aseToken is empty: an ASE with sideband authentication on answers 401 to every call/);
    expect(warnings[1].message).toMatch(/^nodes\[0\]\.service is the example's placeholder/);
  });

  it('warns of a single node and of example.com hosts', () => {
    const warnings = configWarnings(config({ aseToken: 't', nodes: [node('only', 'ase.example.com')] }));
    expect(warnings.map((warning) => warning.path)).toEqual(['nodes', 'nodes[0].url']);
    expect(warnings[0].message).toMatch(/no failover/);
    // A real domain that merely contains "example" is not a placeholder.
    expect(configWarnings(config({ ...clean, nodes: [node('a', 'ase.myexample.com'), node('b', 'example.com.acme.net')] }))).toEqual([]);
  });

  it('warns of any dangerously* switch that is on, wherever it is', () => {
    const hostOptions = { ...config(clean), tls: { dangerouslyAcceptSelfSignedCertificates: true, dangerouslyOff: false } };
    const warnings = configWarnings(hostOptions as PolicyConfig);
    expect(warnings).toEqual([{ path: 'tls.dangerouslyAcceptSelfSignedCertificates', message: expect.stringMatching(/is on: it turns off a safety check/) }]);
  });
});

describe('unreadVariableWarnings', () => {
  it('suggests the variable a misspelt one meant', () => {
    const [warning] = unreadVariableWarnings(['primary_ase_servce'], ['primary_ase_service', 'ase_token']);
    expect(warning.message).toBe('primary_ase_servce is not read by pi_policy.js: did you mean primary_ase_service?');
  });
});
