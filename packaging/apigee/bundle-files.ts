// The shared flow bundle's files: the flow, its policies (rendered from templates/), the two scripts (Node only).
import { clientAnswer } from '../../policies/core/phases';
import { passDecision } from '../../policies/core/sideband';
import { Codes } from '../../policies/core/errors';
import type { PolicyConfig } from '../../policies/core/config-types';
import { FLOW_VARIABLES, KVM_ENTRIES } from '../../policies/hosts/apigee';
import type { ApigeeOptions } from './apigee-options';
import { fillTemplate, fragment, NOTHING, type XmlFragment } from './xml-template';

/** Policy names (apigeelint PO007 prefixes) and the resources, as the flow and the fake know them. */
export const APIGEE_POLICIES = {
  secrets: 'KVM-PiSecrets',
  lookupHealth: 'LC-PiNodeHealth',
  script: 'JS-PiSideband',
  populateHealth: 'PC-PiNodeHealth',
  blocked: 'RF-PiBlocked',
  unavailable: 'RF-PiUnavailable'
};
export const APIGEE_RESOURCES = { script: 'pi-sideband.js', config: 'pi-config.js' };

/** Headroom of the script's timeLimit over the sideband call budget (payload building, flow variables). */
export const TIME_LIMIT_HEADROOM_MS = 250;
/** asyncMode never waits: Apigee may still hold the script for its pending call until timeLimit (README). */
export const ASYNC_TIME_LIMIT_MS = 200;
/** How long Apigee caches the KVM's entries, and the node health record. */
const KVM_CACHE_SECONDS = 300;
const HEALTH_CACHE_SECONDS = 3600;

/** The Javascript policy's timeLimit: the call budget (request, then response) plus headroom, or the async bound. */
export function scriptTimeLimit(config: PolicyConfig): number {
  return config.asyncMode ? ASYNC_TIME_LIMIT_MS : config.callBudgetMs + TIME_LIMIT_HEADROOM_MS;
}

function step(policy: string, condition?: string): string {
  return fillTemplate('step', { policy, condition: condition === undefined ? NOTHING : fragment('condition', { condition }) });
}

function sslInfo(options: ApigeeOptions): XmlFragment {
  if (options.truststore === '') return NOTHING;
  const clientAuth = options.keystore === '' ? NOTHING : fragment('ssl-client-auth', { keystore: options.keystore, keyAlias: options.keyAlias });
  return fragment('ssl-info', { truststore: options.truststore, clientAuth });
}

/** Both entries, whatever the config says: a missing one reads as unset, and hashSecrets can be turned on in pi-config.js alone. */
function kvmGets(): XmlFragment {
  return {
    xml:
      fillTemplate('kvm-get-entry', { variable: FLOW_VARIABLES.aseToken, entry: KVM_ENTRIES.aseToken }) +
      fillTemplate('kvm-get-entry', { variable: FLOW_VARIABLES.hashSalt, entry: KVM_ENTRIES.hashSalt })
  };
}

function raiseFault(policy: string, status: number, reason: string): string {
  // The body itself is the script's (the core's one client answer); the content type is the same for both.
  const contentType = clientAnswer(passDecision(Codes.BLOCKED, null), '').contentType;
  return fillTemplate('raise-fault', { policy, contentType, bodyVariable: FLOW_VARIABLES.clientBody, status, reason });
}

/** sharedflowbundle/... path -> text, given the two scripts' text. */
export function sharedFlowFiles(config: PolicyConfig, options: ApigeeOptions, version: string, scripts: { script: string; config: string }): Record<string, string> {
  const P = APIGEE_POLICIES;
  const cache = { cachePrefix: 'pi-ase', cacheKey: `${options.name}-node-health` };
  const steps = [
    step(P.secrets),
    ...(options.healthCache ? [step(P.lookupHealth)] : []),
    step(P.script),
    ...(options.healthCache ? [step(P.populateHealth, `${FLOW_VARIABLES.healthChanged} = "true"`)] : []),
    step(P.blocked, `${FLOW_VARIABLES.blocked} = "403"`),
    step(P.unavailable, `${FLOW_VARIABLES.blocked} = "503"`)
  ];
  const policies: Record<string, string> = {
    [P.secrets]: fillTemplate('kvm-get', { policy: P.secrets, kvm: options.kvm, kvmCacheSeconds: KVM_CACHE_SECONDS, gets: kvmGets() }),
    [P.script]: fillTemplate('javascript', {
      policy: P.script,
      timeLimit: scriptTimeLimit(config),
      configResource: APIGEE_RESOURCES.config,
      scriptResource: APIGEE_RESOURCES.script,
      sslInfo: sslInfo(options)
    }),
    [P.blocked]: raiseFault(P.blocked, 403, 'Forbidden'),
    [P.unavailable]: raiseFault(P.unavailable, 503, 'Service Unavailable')
  };
  if (options.healthCache) {
    policies[P.lookupHealth] = fillTemplate('lookup-cache', { policy: P.lookupHealth, ...cache, variable: FLOW_VARIABLES.healthCached });
    policies[P.populateHealth] = fillTemplate('populate-cache', { policy: P.populateHealth, ...cache, cacheSeconds: HEALTH_CACHE_SECONDS, variable: FLOW_VARIABLES.healthUpdate });
  }
  const files: Record<string, string> = {
    [`sharedflowbundle/${options.name}.xml`]: fillTemplate('shared-flow-bundle', { name: options.name, version }),
    'sharedflowbundle/sharedflows/default.xml': fillTemplate('default-flow', { steps: { xml: steps.join('') } }),
    [`sharedflowbundle/resources/jsc/${APIGEE_RESOURCES.script}`]: scripts.script,
    [`sharedflowbundle/resources/jsc/${APIGEE_RESOURCES.config}`]: scripts.config
  };
  for (const [name, xml] of Object.entries(policies)) files[`sharedflowbundle/policies/${name}.xml`] = xml;
  return files;
}
