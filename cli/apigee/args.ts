// apigee-deploy (Node only): its command line: organization, environment, config, shared flow options, hooks; the token is refused on it.
import { parseArgs } from 'node:util';
import { refuseSecretFlags } from '../gateway-api/secret-flags';
import { parseTimeoutFlag } from '../gateway-api/timeout-flag';
import { parseServiceUrl } from '../gateway-api/service-url';
import { FLOW_HOOK_POINTS, type ApigeeOptions, type FlowHookPoint } from '../../packaging/apigee/apigee-options';

export const DEFAULT_API_URL = 'https://apigee.googleapis.com';
export const DEFAULT_TIMEOUT_MS = 30000;
export const DEFAULT_DEPLOY_TIMEOUT_MS = 300000;
export const TOKEN_VARIABLE = 'APIGEE_TOKEN';

/** Flags that would put the bearer token in argv: refused, naming the variable instead. */
export const APIGEE_SECRET_FLAGS: Record<string, string> = { token: TOKEN_VARIABLE, 'access-token': TOKEN_VARIABLE, bearer: TOKEN_VARIABLE, password: TOKEN_VARIABLE };

const OPTIONS = {
  org: { type: 'string' },
  env: { type: 'string' },
  config: { type: 'string' },
  name: { type: 'string' },
  kvm: { type: 'string' },
  'request-hook': { type: 'string' },
  'response-hook': { type: 'string' },
  'replace-hooks': { type: 'boolean' },
  'username-variable': { type: 'string' },
  'client-id-variable': { type: 'string' },
  'no-health-cache': { type: 'boolean' },
  truststore: { type: 'string' },
  keystore: { type: 'string' },
  'key-alias': { type: 'string' },
  url: { type: 'string' },
  ca: { type: 'string' },
  timeout: { type: 'string' },
  'deploy-timeout': { type: 'string' },
  'dry-run': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' }
} as const;

export interface DeployArgs {
  org: string;
  env: string;
  configFile?: string;
  options: Partial<ApigeeOptions>;
  requestHook: FlowHookPoint;
  /** null: no response hook (no /ase/response calls). */
  responseHook: FlowHookPoint | null;
  replaceHooks: boolean;
  /** The management API origin, e.g. https://apigee.googleapis.com. */
  apiOrigin: string;
  ca?: string;
  timeoutMs: number;
  deployTimeoutMs: number;
  dryRun: boolean;
}

const ORG_OR_ENV = /^[a-z][a-z0-9-]{0,62}$/;

function named(value: string | undefined, flag: string, example: string): string {
  if (value === undefined || value === '') throw new Error(`--${flag} is required (e.g. --${flag} ${example})`);
  if (!ORG_OR_ENV.test(value)) throw new Error(`--${flag} must be lower-case letters, digits and - (got "${value}")`);
  return value;
}

function hook(value: string | undefined, fallback: FlowHookPoint | null, flag: string, allowed: FlowHookPoint[]): FlowHookPoint | null {
  if (value === undefined) return fallback;
  if (value === 'none' && flag === 'response-hook') return null;
  const point = allowed.find((p) => p.toLowerCase() === value.toLowerCase());
  if (point === undefined) throw new Error(`--${flag} takes ${allowed.join(' or ')}${flag === 'response-hook' ? ' or none' : ''} (got "${value}")`);
  return point;
}

export function parseDeployArgs(argv: string[]): DeployArgs {
  const refused = refuseSecretFlags(argv, APIGEE_SECRET_FLAGS);
  if (refused !== undefined) throw new Error(refused);
  const { values } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: false, strict: true });
  const url = parseServiceUrl(values.url ?? DEFAULT_API_URL, {
    product: 'Apigee management API',
    example: DEFAULT_API_URL,
    credentials: TOKEN_VARIABLE
  });
  if (url.path !== '') throw new Error(`--url is the API's origin without a path, e.g. ${DEFAULT_API_URL} (got a path "${url.path}")`);
  const [request, response] = [FLOW_HOOK_POINTS.slice(0, 2), FLOW_HOOK_POINTS.slice(2)];
  return {
    org: named(values.org, 'org', 'my-project'),
    env: named(values.env, 'env', 'prod'),
    configFile: values.config,
    options: {
      name: values.name,
      kvm: values.kvm,
      usernameVariable: values['username-variable'],
      clientIdVariable: values['client-id-variable'],
      healthCache: values['no-health-cache'] ? false : undefined,
      truststore: values.truststore,
      keystore: values.keystore,
      keyAlias: values['key-alias']
    },
    requestHook: hook(values['request-hook'], 'PreProxyFlowHook', 'request-hook', [...request]) as FlowHookPoint,
    responseHook: hook(values['response-hook'], 'PostProxyFlowHook', 'response-hook', [...response]),
    replaceHooks: values['replace-hooks'] === true,
    apiOrigin: url.origin,
    ca: values.ca,
    timeoutMs: parseTimeoutFlag(values.timeout, DEFAULT_TIMEOUT_MS),
    deployTimeoutMs: parseDeployTimeout(values['deploy-timeout']),
    dryRun: values['dry-run'] === true
  };
}

function parseDeployTimeout(text: string | undefined): number {
  if (text === undefined) return DEFAULT_DEPLOY_TIMEOUT_MS;
  const ms = Number(text);
  if (!/^\d+$/.test(text) || ms < 1 || ms > 3600000) throw new Error(`--deploy-timeout must be whole milliseconds from 1 to 3600000 (got "${text}")`);
  return ms;
}
