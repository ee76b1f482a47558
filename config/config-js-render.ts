// Renders Akana's config.js from a validated PolicyConfig by the field table's Ping names: Ping's variables plus pi_options (Node).

import { PING_EXTRA_NODES, PING_NODE_PREFIXES, PING_OPTIONS, akanaNodeFields, configFields } from '../policies/core/config-fields';
import type { AseNode, PolicyConfig } from '../policies/core/config-types';

const NODE_COMMENTS: Record<(typeof PING_NODE_PREFIXES)[number], string> = {
  primary: 'Primary ASE node (tried first).',
  secondary: 'Secondary ASE node (failover; leave all four empty for none).'
};

/**
 * A JavaScript literal of a JSON value. JSON.stringify leaves U+2028/U+2029 raw, which end an ES5
 * string literal (legal only since ES2019): escaped, the text is ES5 whatever the config holds.
 */
function literal(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function pingNodeVars(prefix: (typeof PING_NODE_PREFIXES)[number], node: AseNode | undefined): string[] {
  const lines = [`// ${NODE_COMMENTS[prefix]}`];
  for (const field of akanaNodeFields()) {
    const value = node ? (node as unknown as Record<string, unknown>)[field.name] ?? '' : '';
    lines.push(`var ${prefix}_${field.ping} = ${literal(value)}; // ${field.about.replace(/^Akana: /, '')}`);
  }
  return lines;
}

/** The options object: every field without a Ping name, in table order, plus the nodes after the first two. */
function piOptions(config: PolicyConfig): Record<string, unknown> {
  const values = config as unknown as Record<string, unknown>;
  const options: Record<string, unknown> = {};
  for (const field of configFields()) {
    if (field.ping === undefined && field.kind !== 'nodes') options[field.name] = values[field.name];
  }
  const extraNodes = config.nodes.slice(PING_NODE_PREFIXES.length);
  if (extraNodes.length) options[PING_EXTRA_NODES] = extraNodes;
  return options;
}

/** The variables of the top-level fields Ping names (the sideband token), each with its field's meaning. */
function pingFieldVars(config: PolicyConfig): string[] {
  const values = config as unknown as Record<string, unknown>;
  const lines: string[] = [];
  for (const field of configFields()) {
    if (field.ping === undefined) continue;
    lines.push(`// ${field.about}`, `var ${field.ping} = ${literal(values[field.name])};`, '');
  }
  return lines;
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
    ...pingFieldVars(config),
    ...PING_NODE_PREFIXES.flatMap((prefix, i) => [...pingNodeVars(prefix, config.nodes[i]), '']),
    '// Options added by this project (README, "Configuration reference"). Times are milliseconds.',
    `var ${PING_OPTIONS} = ${literal(piOptions(config))};`,
    ''
  ].join('\n');
}
