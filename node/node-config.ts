// Startup checks of the Node host: the shared config validator plus what only Node needs (node URLs, TLS) (Node).

import type { ConfigFieldTable } from '../policies/core/config-fields';
import type { AseNode, PolicyConfig } from '../policies/core/config-types';
import { describeProblems, validateConfig, type ConfigProblem } from '../policies/core/config';
import { Codes } from '../policies/core/errors';

/** One ASE node as the Node host reaches it: a name and the URL of its data port (Akana's fields may stay, unused). */
export type NodeAseNode = AseNode & { url: string };

/** What a caller may hand over for a field: arrays read-only (an `as const` config works), objects in part. */
type InputOf<T> = T extends readonly (infer Item)[] ? readonly Item[] : T extends object ? Partial<T> : T;

/** The fields the config table marks required (aseToken, nodes); every other one has a default or may be left out. */
type RequiredField = Extract<ConfigFieldTable[number], { required: true }>['name'];

/**
 * The configuration createAsePolicy takes, derived from the config field table (policies/core/
 * config-fields.ts, through PolicyConfig): the fields it marks required are required, nodes each with
 * a url (the Node host reaches ASE by URL), every other field optional (its default applies),
 * propertyNames in part. A misspelt field (`aseTokn`) or a wrong type (`attemptTimeoutMs: '500'`)
 * fails tsc; createAsePolicy still validates every value at startup (JavaScript callers, JSON files).
 */
export type PolicyConfigInput = { [Field in Exclude<RequiredField, 'nodes'>]: InputOf<PolicyConfig[Field]> } & { nodes: readonly NodeAseNode[] } & {
  [Field in Exclude<keyof PolicyConfig, RequiredField>]?: InputOf<PolicyConfig[Field]>;
};

/** TLS settings for HTTPS ASE nodes. Verification against the system CAs (plus `ca`) is the default. */
export interface AseTlsOptions {
  /** PEM of the CA(s) that signed the ASE's certificate, added to Node's default trust store. */
  ca?: string | Buffer | Array<string | Buffer>;
  /** PEM client certificate, for ASE sideband mTLS (needs `key`). */
  cert?: string | Buffer;
  /** PEM private key of `cert`. */
  key?: string | Buffer;
  /**
   * Accepts a server certificate that signed itself (ASE's out-of-the-box certificate), without
   * checking who issued it or which host it names: anyone on the path can then impersonate ASE.
   * Certificates with any other verification error are still refused. Logged as a warning.
   */
  dangerouslyAcceptSelfSignedCertificates?: boolean;
}

/** Thrown by createAsePolicy when the configuration cannot work: at startup, never per call. */
export class PolicyConfigError extends TypeError {
  readonly code = Codes.CONFIG_INVALID;
  readonly problems: ConfigProblem[];
  constructor(problems: ConfigProblem[]) {
    super(describeProblems(problems));
    this.name = 'PolicyConfigError';
    this.problems = problems;
  }
}

/**
 * The shared validator accepts a node with only Akana fields (host-neutral); the Node host reaches
 * ASE by URL, so here every node needs one. Its shape was already checked by validateConfig.
 */
function urlProblems(config: PolicyConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  config.nodes.forEach((node, i) => {
    if (typeof node.url === 'string' && node.url !== '') return;
    problems.push({
      path: `nodes[${i}].url`,
      message: `nodes[${i}].url is required by the Node host (node '${node.name}' has none; Akana's service/interface fields are not used on Node): ` +
        "set the ASE data port as http(s)://host:port, e.g. 'https://ase.example.com:8443'"
    });
  });
  return problems;
}

function isPem(value: unknown): boolean {
  if (typeof value === 'string' || Buffer.isBuffer(value)) return value.length > 0;
  return Array.isArray(value) && value.length > 0 && value.every((v) => (typeof v === 'string' || Buffer.isBuffer(v)) && v.length > 0);
}

export function tlsProblems(tls: AseTlsOptions | undefined): ConfigProblem[] {
  if (tls === undefined) return [];
  if (tls === null || typeof tls !== 'object') return [{ path: 'tls', message: 'must be an object { ca?, cert?, key?, dangerouslyAcceptSelfSignedCertificates? }' }];
  const problems: ConfigProblem[] = [];
  if (tls.ca !== undefined && !isPem(tls.ca)) problems.push({ path: 'tls.ca', message: 'must be PEM text (string or Buffer) or a list of them' });
  if (tls.cert !== undefined && !isPem(tls.cert)) problems.push({ path: 'tls.cert', message: 'must be PEM text (string or Buffer)' });
  if (tls.key !== undefined && !isPem(tls.key)) problems.push({ path: 'tls.key', message: 'must be PEM text (string or Buffer)' });
  if ((tls.cert === undefined) !== (tls.key === undefined)) problems.push({ path: tls.cert === undefined ? 'tls.cert' : 'tls.key', message: 'tls.cert and tls.key go together (client certificate for sideband mTLS)' });
  const flag = tls.dangerouslyAcceptSelfSignedCertificates;
  if (flag !== undefined && typeof flag !== 'boolean') problems.push({ path: 'tls.dangerouslyAcceptSelfSignedCertificates', message: 'must be true or false' });
  return problems;
}

/**
 * What is wrong with createAsePolicy's options object itself: none given, or the settings put at its
 * top level (`createAsePolicy({ aseToken, nodes })`) instead of under `config`, an easy slip that would
 * otherwise read as a missing configuration.
 */
export function optionsProblems(options: unknown): ConfigProblem[] {
  const usage = "createAsePolicy({ config: { aseToken: '...', nodes: [{ name: 'primary', url: 'https://ase.example.com:8443' }] } })";
  if (options === null || typeof options !== 'object') return [{ path: '', message: `createAsePolicy takes an options object with the settings under config: ${usage}` }];
  const top = options as Record<string, unknown>;
  if (top.config === undefined && ('aseToken' in top || 'nodes' in top)) {
    return [{ path: 'config', message: `not given, while aseToken or nodes are at the top of the options: put the settings under config, as in ${usage}` }];
  }
  return [];
}

/** The validated config, or a PolicyConfigError naming every problem at once. Takes unknown: JavaScript callers pass anything. */
export function loadNodeConfig(raw: unknown, tls: AseTlsOptions | undefined): PolicyConfig {
  const checked = validateConfig(raw);
  if (!checked.ok) throw new PolicyConfigError(checked.problems.concat(tlsProblems(tls)));
  const problems = urlProblems(checked.config).concat(tlsProblems(tls));
  if (problems.length > 0) throw new PolicyConfigError(problems);
  return checked.config;
}
