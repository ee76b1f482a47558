// attach (Node only): finds our two policies (pi_policy and retain-header) among the platform's operational policies, by key or exact name.
import type { PolicyRef } from './assignment';
import { PlatformError } from './platform-client';
import { asList, channelItems, getJson, isObject, type Reader } from './platform-reads';

export type OurPolicy = PolicyRef & { PolicyKey: string };

export interface OurPolicies {
  pi: OurPolicy;
  retain: OurPolicy;
}

export interface PolicyNames {
  /** --pi-policy: key or name of the policy holding pi_policy.js. */
  pi: string;
  /** --retain-header-policy: key or name of the policy holding retain-header-policy.js. */
  retain: string;
  /** --policy-owner: the BusinessID whose policies are listed (omitted: the platform's default). */
  owner?: string;
}

export function catalogPath(owner?: string): string {
  return `/api/policies?Type=${encodeURIComponent('Operational Policy')}${owner === undefined ? '' : `&BusinessID=${encodeURIComponent(owner)}`}`;
}

/** The policies of a GET /api/policies answer: a {"Policy": [...]} object, a bare list, or an RSS channel. */
export function catalogEntries(value: unknown): PolicyRef[] {
  if (isObject(value) && value.Policy !== undefined) return asList(value.Policy).filter(isObject) as PolicyRef[];
  if (Array.isArray(value)) return value.filter(isObject) as PolicyRef[];
  return channelItems(value).map(({ guid, title }) => ({ PolicyKey: guid, Name: title, PolicyType: 'Operational Policy' }));
}

function pick(entries: PolicyRef[], wanted: string, flag: string, path: string): OurPolicy {
  const byKey = entries.filter((policy) => policy.PolicyKey === wanted);
  const matches = byKey.length > 0 ? byKey : entries.filter((policy) => policy.Name === wanted);
  if (matches.length === 0) {
    const names = entries.map((policy) => `"${policy.Name ?? policy.PolicyKey}"`);
    const seen = names.length === 0 ? 'none' : `${names.slice(0, 12).join(', ')}${names.length > 12 ? `, and ${names.length - 12} more` : ''}`;
    throw new PlatformError(
      `no operational policy with key or name "${wanted}" in GET ${path} (seen: ${seen}): add and activate it in Policy Manager ` +
        `(deployment guide steps 4 and 5), or give its name or key with ${flag}`
    );
  }
  if (matches.length > 1) {
    throw new PlatformError(`${matches.length} operational policies are named "${wanted}" (keys ${matches.map((policy) => policy.PolicyKey).join(', ')}): give the key with ${flag}`);
  }
  const found = matches[0];
  if (typeof found.PolicyKey !== 'string' || found.PolicyKey === '') throw new PlatformError(`policy "${wanted}" in GET ${path} has no PolicyKey: cannot attach it`);
  return found as OurPolicy;
}

/** GET /api/policies?Type=Operational Policy, then our two in it; throws before anything changes when one is missing. */
export async function findOurPolicies(reader: Reader, names: PolicyNames): Promise<OurPolicies> {
  const path = catalogPath(names.owner);
  const answer = await getJson(reader, path, 'the operational policies');
  const entries = catalogEntries(answer.value);
  const pi = pick(entries, names.pi, '--pi-policy', path);
  const retain = pick(entries, names.retain, '--retain-header-policy', path);
  if (pi.PolicyKey === retain.PolicyKey) throw new PlatformError(`--pi-policy and --retain-header-policy name the same policy (${pi.PolicyKey}): they are two policies`);
  return { pi, retain };
}
