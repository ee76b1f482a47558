// Mapping of Akana's config.js variables onto the core config, and problems named in config.js terms (Node, vitest).
import { describe, expect, it } from 'vitest';
import { akanaFieldName, akanaRawConfig } from '../../policies/hosts/akana/config-js';
import { loadAkanaConfig } from '../../policies/hosts/akana';

const PRIMARY = {
  primary_ase_service: '{ns}primary',
  primary_ase_interface: '{ns}primaryPort',
  primary_ase_request_operation: 'postRequestMetadata',
  primary_ase_response_operation: 'postResponseMetadata'
};

describe('akanaRawConfig', () => {
  it("accepts Ping's secondry_ase_service misspelling, and secondary_ wins when both are set", () => {
    const misspelt = akanaRawConfig({
      ase_token: 't', ...PRIMARY,
      secondry_ase_service: '{ns}second', secondary_ase_interface: '{ns}secondPort',
      secondary_ase_request_operation: 'r', secondary_ase_response_operation: 's'
    });
    expect((misspelt.nodes as Array<{ name: string; service: string }>)[1]).toMatchObject({ name: 'secondary', service: '{ns}second' });
    const both = akanaRawConfig({ ...PRIMARY, secondary_ase_service: '{ns}right', secondry_ase_service: '{ns}wrong' });
    expect((both.nodes as Array<{ service: string }>)[1].service).toBe('{ns}right');
  });

  it('leaves out an empty secondary and appends pi_options.extraNodes', () => {
    const raw = akanaRawConfig({ ...PRIMARY, secondary_ase_service: '', pi_options: { retryAfterMs: 5, extraNodes: [{ name: 'third', url: 'http://x:1' }] } });
    expect((raw.nodes as Array<{ name: string }>).map((n) => n.name)).toEqual(['primary', 'third']);
    expect(raw.retryAfterMs).toBe(5);
    expect(raw).not.toHaveProperty('extraNodes');
  });

  it('loads a complete config.js into a validated config with defaults', () => {
    const loaded = loadAkanaConfig({ ase_token: 'tok', ...PRIMARY });
    expect(loaded.ok).toBe(true);
    if (loaded.ok) {
      expect(loaded.config.aseToken).toBe('tok');
      expect(loaded.config.nodes).toHaveLength(1);
      expect(loaded.config.retryAfterMs).toBe(30000);
    }
  });
});

describe('problems in config.js terms', () => {
  it.each([
    ['aseToken', true, 'ase_token'],
    ['nodes[0].service', true, 'primary_ase_service'],
    ['nodes[0].requestOperation', true, 'primary_ase_request_operation'],
    ['nodes[1].interface', true, 'secondary_ase_interface'],
    ['nodes[1].url', false, 'pi_options.extraNodes[0].url'],
    ['nodes[2].name', true, 'pi_options.extraNodes[0].name'],
    ['retryAfterMs', true, 'pi_options.retryAfterMs'],
    ['propertyNames.query', true, 'pi_options.propertyNames.query']
  ])('%s (secondary set: %s) -> %s', (path, hasSecondary, expected) => {
    expect(akanaFieldName(path, hasSecondary)).toBe(expected);
  });

  it('an excluded identifier header is named by its pi_options path, with the switch that allows it', () => {
    const loaded = loadAkanaConfig({ ase_token: 'tok', ...PRIMARY, pi_options: { excludedHeaders: ['X-Internal', 'Cookie'] } });
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) {
      expect(loaded.line).toContain("pi_options.excludedHeaders[1] 'cookie' is an identifier header");
      expect(loaded.line).toContain('allowExcludingIdentifierHeaders');
    }
    const allowed = loadAkanaConfig({ ase_token: 'tok', ...PRIMARY, pi_options: { excludedHeaders: ['Cookie'], allowExcludingIdentifierHeaders: true } });
    expect(allowed.ok && allowed.config.excludedHeaders).toEqual(['cookie']);
  });

  it('one line naming every wrong variable and the fix; the policy then forwards', () => {
    const loaded = loadAkanaConfig({ ase_token: 'has space', ...PRIMARY, primary_ase_service: 'no-namespace', pi_options: { retryAfter: 1 } });
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) {
      expect(loaded.line).toMatch(/^CONFIG_INVALID/);
      expect(loaded.line).toContain('ase_token');
      expect(loaded.line).toContain('primary_ase_service');
      expect(loaded.line).toContain('pi_options.retryAfter');
      expect(loaded.line).not.toContain('has space');
      expect(loaded.line).toContain('forwards every call');
    }
  });
});
