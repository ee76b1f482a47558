// attach (Node only): the command line of `attach`: scope, policies, modes; secrets are refused on it.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { refuseSecretFlags } from '../gateway-api/secret-flags';
import { parseTimeoutFlag } from '../gateway-api/timeout-flag';
import { IMPLEMENTATIONS, type ImplCode } from './discovery';
import { platformBase } from './platform-client';
import type { Mode } from './report';

export const DEFAULT_TIMEOUT_MS = 15000;
export const DEFAULT_PI_POLICY = 'pi_policy';
export const DEFAULT_RETAIN_HEADER_POLICY = 'retain-header';

/** Flags that would carry the password or a session: refused with the variable to use instead. */
export const ATTACH_SECRET_FLAGS: Record<string, string> = {
  password: 'AKANA_PASSWORD',
  pass: 'AKANA_PASSWORD',
  passwd: 'AKANA_PASSWORD',
  token: 'AKANA_PASSWORD',
  cookie: 'AKANA_PASSWORD'
};

const OPTIONS = {
  url: { type: 'string' },
  org: { type: 'string', multiple: true },
  api: { type: 'string', multiple: true },
  env: { type: 'string', multiple: true },
  'pi-policy': { type: 'string' },
  'retain-header-policy': { type: 'string' },
  'policy-owner': { type: 'string' },
  'oauth-policy': { type: 'string', multiple: true },
  'dry-run': { type: 'boolean' },
  check: { type: 'boolean' },
  json: { type: 'boolean' },
  ca: { type: 'string' },
  timeout: { type: 'string' },
  yes: { type: 'boolean', short: 'y' },
  help: { type: 'boolean', short: 'h' }
} as const;

export interface AttachArgs {
  url: string;
  organizations: string[];
  apis: string[];
  implementations: ImplCode[];
  piPolicy: string;
  retainHeaderPolicy: string;
  policyOwner?: string;
  extraOAuth: string[];
  mode: Mode;
  json: boolean;
  ca?: string;
  timeoutMs: number;
  yes: boolean;
}

export type ParsedAttachArgs = { help: true } | ({ help: false } & AttachArgs);

function nonBlank(values: string[] | undefined, flag: string): string[] {
  for (const value of values ?? []) if (value.trim() === '') throw new Error(`--${flag} needs a value`);
  return values ?? [];
}

function implementations(values: string[]): ImplCode[] {
  if (values.length === 0) return [...IMPLEMENTATIONS];
  const chosen = new Set<ImplCode>();
  for (const value of values.flatMap((entry) => entry.split(','))) {
    const impl = IMPLEMENTATIONS.find((code) => code.toLowerCase() === value.trim().toLowerCase());
    if (impl === undefined) throw new Error(`--env takes live or sandbox (got "${value}")`);
    chosen.add(impl);
  }
  return IMPLEMENTATIONS.filter((code) => chosen.has(code));
}

/** argv to AttachArgs; throws an Error for every mistake (the caller prints it with the usage, exit 2). */
export function parseAttachArgs(argv: string[]): ParsedAttachArgs {
  const refusal = refuseSecretFlags(argv, ATTACH_SECRET_FLAGS);
  if (refusal !== undefined) throw new Error(refusal);
  const { values } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: false, strict: true });
  if (values.help) return { help: true };
  if (values.url === undefined) throw new Error('--url is required: the Community Manager (developer portal) address, e.g. https://developer.example.com');
  platformBase(values.url);
  if (values['dry-run'] && values.check) throw new Error('--dry-run and --check are two modes: choose one (--check also changes nothing)');
  const piPolicy = values['pi-policy'] ?? DEFAULT_PI_POLICY;
  const retainHeaderPolicy = values['retain-header-policy'] ?? DEFAULT_RETAIN_HEADER_POLICY;
  if (piPolicy.trim() === '' || retainHeaderPolicy.trim() === '') throw new Error('--pi-policy and --retain-header-policy need a policy name or key');
  if (values['policy-owner'] !== undefined && values['policy-owner'].trim() === '') throw new Error('--policy-owner needs a BusinessID');
  return {
    help: false,
    url: values.url,
    organizations: nonBlank(values.org, 'org'),
    apis: nonBlank(values.api, 'api'),
    implementations: implementations(nonBlank(values.env, 'env')),
    piPolicy,
    retainHeaderPolicy,
    policyOwner: values['policy-owner'],
    extraOAuth: nonBlank(values['oauth-policy'], 'oauth-policy'),
    mode: values.check ? 'check' : values['dry-run'] ? 'dry-run' : 'apply',
    json: values.json === true,
    ca: values.ca === undefined ? undefined : resolve(values.ca),
    timeoutMs: parseTimeoutFlag(values.timeout, DEFAULT_TIMEOUT_MS),
    yes: values.yes === true
  };
}
