// The Apigee build's own options (shared flow and KVM names, identity variables, cache, TLS), their defaults and checks (Node only).

/** Flow hook points of Apigee X / hybrid. */
export const FLOW_HOOK_POINTS = ['PreProxyFlowHook', 'PreTargetFlowHook', 'PostTargetFlowHook', 'PostProxyFlowHook'] as const;
export type FlowHookPoint = (typeof FLOW_HOOK_POINTS)[number];

export interface ApigeeOptions {
  /** Shared flow name (the bundle's and the zip's). */
  name: string;
  /** The environment KVM (encrypted) holding ase_token and hash_salt. */
  kvm: string;
  /** Flow variable with the end user for user_info ('' for none: Apigee has no fixed one). */
  usernameVariable: string;
  /** Flow variable with the client app for user_info (VerifyAccessToken sets client_id). */
  clientIdVariable: string;
  /** LookupCache/PopulateCache around the script keep node health across calls; false: per call. */
  healthCache: boolean;
  /** TLS to ASE: the truststore reference for the Javascript policy's SSLInfo ('' for none). */
  truststore: string;
  /** mTLS to ASE (ASE 5.1.3+): keystore reference and key alias ('' for none). */
  keystore: string;
  keyAlias: string;
}

export const APIGEE_DEFAULTS: ApigeeOptions = {
  name: 'pi-ase-sideband',
  kvm: 'pi-ase',
  usernameVariable: '',
  clientIdVariable: 'client_id',
  healthCache: true,
  truststore: '',
  keystore: '',
  keyAlias: ''
};

const RESOURCE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,254}$/;
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,254}$/;
const STORE_REFERENCE = /^[A-Za-z0-9_:/.-]{1,255}$/;

/** The options with defaults applied; throws one Error naming the option and the fix. */
export function apigeeOptions(given: Partial<ApigeeOptions> = {}): ApigeeOptions {
  const options = { ...APIGEE_DEFAULTS, ...Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) } as ApigeeOptions;
  if (!RESOURCE_NAME.test(options.name)) throw new Error(`the shared flow name must be letters, digits, - and _ (got "${options.name}")`);
  if (!RESOURCE_NAME.test(options.kvm)) throw new Error(`the KVM name must be letters, digits, - and _ (got "${options.kvm}")`);
  for (const key of ['usernameVariable', 'clientIdVariable'] as const) {
    if (options[key] !== '' && !VARIABLE_NAME.test(options[key])) throw new Error(`${key} must be a flow variable name such as client_id (got "${options[key]}")`);
  }
  for (const key of ['truststore', 'keystore', 'keyAlias'] as const) {
    if (options[key] !== '' && !STORE_REFERENCE.test(options[key])) throw new Error(`${key} must be a keystore, reference or alias name (got "${options[key]}")`);
  }
  if ((options.keystore === '') !== (options.keyAlias === '')) throw new Error('mTLS needs both keystore and keyAlias');
  if (options.keystore !== '' && options.truststore === '') throw new Error('mTLS (keystore) needs a truststore too');
  return options;
}
