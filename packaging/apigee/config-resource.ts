// Renders pi-config.js, the shared flow's settings script (no secrets), and proves it loads back into the same config (Node only).
import { isDeepStrictEqual } from 'node:util';
import { gateBundle } from '../es5-gates';
import { loadApigeeConfig, KVM_ENTRIES } from '../../policies/hosts/apigee';
import type { PolicyConfig } from '../../policies/core/config-types';
import type { ApigeeOptions } from './apigee-options';

/** Fields only Akana reads: not rendered for Apigee. */
const AKANA_ONLY = ['usernameSubjectCategory', 'clientIdSubjectCategory', 'propertyNames'] as const;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * A JavaScript literal in the style Apigee's linter expects by default (double quotes, keys
 * unquoted where they can be), one member per line.
 */
export function jsLiteral(value: unknown, indent = ''): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((item) => typeof item !== 'object' || item === null)) return `[${value.map((item) => jsLiteral(item)).join(', ')}]`;
    return `[\n${value.map((item) => inner + jsLiteral(item, inner)).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    const members = entries.map(([key, v]) => `${inner}${IDENTIFIER.test(key) ? key : JSON.stringify(key)}: ${jsLiteral(v, inner)}`);
    return `{\n${members.join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

/** The settings pi-config.js defines: pi_config (no secrets, no Akana-only fields) and pi_apigee. */
export function apigeeSettings(config: PolicyConfig, options: ApigeeOptions): { piConfig: Record<string, unknown>; piApigee: Record<string, unknown> } {
  const { aseToken, hashSalt, nodes, ...rest } = config;
  const piConfig: Record<string, unknown> = { nodes: nodes.map((node) => ({ name: node.name, url: node.url })) };
  for (const [key, value] of Object.entries(rest)) if (!(AKANA_ONLY as readonly string[]).includes(key)) piConfig[key] = value;
  const piApigee = {
    kvm: options.kvm,
    kvmEntries: { aseToken: aseToken !== '', hashSalt: config.hashSecrets && hashSalt !== '' },
    usernameVariable: options.usernameVariable,
    clientIdVariable: options.clientIdVariable
  };
  return { piConfig, piApigee };
}

export function renderPiConfigJs(config: PolicyConfig, options: ApigeeOptions, banner: string): string {
  const { piConfig, piApigee } = apigeeSettings(config, options);
  return [
    banner,
    '// The shared flow\'s settings (README, "Configuration reference"; times in milliseconds), rendered from',
    `// the validated JSON config. No secrets: the sideband token is the KVM entry ${KVM_ENTRIES.aseToken} (and the hashSecrets salt`,
    `// ${KVM_ENTRIES.hashSalt}) of the encrypted environment KVM ${options.kvm}, read by the KeyValueMapOperations step.`,
    `var pi_config = ${jsLiteral(piConfig)};`,
    '',
    '// Where the shared flow finds the caller (flow variables) and its secrets (KVM entries).',
    `var pi_apigee = ${jsLiteral(piApigee)};`,
    ''
  ].join('\n');
}

function withoutAkanaOnly(config: PolicyConfig): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(config)) as Record<string, unknown>;
  for (const key of AKANA_ONLY) delete copy[key];
  // The salt goes to the KVM only where hashSecrets uses it.
  if (!config.hashSecrets) copy.hashSalt = '';
  copy.nodes = config.nodes.map((node) => ({ name: node.name, url: node.url }));
  return copy;
}

/**
 * Checks pi-config.js the way the shared flow runs it: ES5 syntax, a run without ES2015+ built-ins,
 * then the adapter's own loader with the secrets the KVM will hold; the result must be the config.
 */
export function checkPiConfigJs(code: string, config: PolicyConfig): void {
  const settings = gateBundle(`${code}\n;({ config: pi_config, apigee: pi_apigee })`, 'pi-config.js', {}) as { config: unknown; apigee: unknown };
  const loaded = loadApigeeConfig(settings, { aseToken: config.aseToken, hashSalt: config.hashSecrets ? config.hashSalt : '' });
  if (!loaded.ok) throw new Error(`rendered pi-config.js does not load: ${loaded.line}`);
  if (!isDeepStrictEqual(withoutAkanaOnly(loaded.config), withoutAkanaOnly(config))) {
    throw new Error('rendered pi-config.js loads into a different config than the JSON it came from');
  }
}
