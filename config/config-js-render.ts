// Renders Akana's config.js from a validated PolicyConfig: Ping's variable names plus pi_options (Node).

import type { AseNode, PolicyConfig } from '../policies/core/config-types';

const PING_FIELDS: [keyof AseNode, string, string][] = [
  ['service', 'ase_service', 'API registered in Policy Manager for this ASE node, "{namespace}name"'],
  ['interface', 'ase_interface', 'that API\'s interface (port type), "{namespace}name"'],
  ['requestOperation', 'ase_request_operation', 'operation that POSTs /ase/request'],
  ['responseOperation', 'ase_response_operation', 'operation that POSTs /ase/response']
];

/**
 * A JavaScript literal of a JSON value. JSON.stringify leaves U+2028/U+2029 raw, which end an ES5
 * string literal (legal only since ES2019): escaped, the text is ES5 whatever the config holds.
 */
function literal(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function pingNodeVars(prefix: 'primary' | 'secondary', node: AseNode | undefined): string[] {
  const lines = [`// ${prefix === 'primary' ? 'Primary ASE node (tried first)' : 'Secondary ASE node (failover; leave all four empty for none)'}.`];
  for (const [field, suffix, what] of PING_FIELDS) {
    lines.push(`var ${prefix}_${suffix} = ${literal(node ? node[field] ?? '' : '')}; // ${what}`);
  }
  return lines;
}

/** The options object: every field except aseToken and the first two nodes, which are Ping's variables. */
function piOptions(config: PolicyConfig): Record<string, unknown> {
  const { aseToken: _token, nodes, ...options } = config;
  const extraNodes = nodes.slice(2);
  return extraNodes.length ? { ...options, extraNodes } : options;
}

/**
 * config.js text. The first node becomes Ping's primary_* variables and the second secondary_* (their
 * names in logs are "primary" and "secondary"); further nodes go to pi_options.extraNodes.
 */
export function renderAkanaConfigJs(config: PolicyConfig, banner: string): string {
  const warnings = config.nodes.some((node) => !node.service) ? ['// WARNING: a node has no Akana service: Akana reaches ASE only through registered APIs.'] : [];
  return [
    banner,
    '// Edit the values below; pi_policy.js validates them when it loads and logs CONFIG_INVALID naming',
    '// the variable and the fix (the policy then forwards every call) when one is wrong.',
    ...warnings,
    '',
    '// Sideband token from ASE (cli.sh create_sideband_token); "" when ASE sideband authentication is off.',
    `var ase_token = ${literal(config.aseToken)};`,
    '',
    ...pingNodeVars('primary', config.nodes[0]),
    '',
    ...pingNodeVars('secondary', config.nodes[1]),
    '',
    '// Options added by this project (README, "Configuration reference"). Times are milliseconds.',
    `var pi_options = ${literal(piOptions(config))};`,
    ''
  ].join('\n');
}
