// attach (Node only): decides whether an implementation is OAuth-protected, with the reasons: an OAuth/OpenID Connect policy assigned, on an operation or inherited, or the API version's OAuth settings.
import type { Assignment, PolicyRef } from './assignment';
import type { ImplCode } from './discovery';
import { asList, isObject } from './platform-reads';

/** Names, keys or sub-types with these words are OAuth or OpenID Connect policies (Akana's "OAuthSecurity", "OpenID Connect Relying Party"...). */
export const OAUTH_POLICY_PATTERN = /oauth|openid|oidc/i;

export interface OAuthVerdict {
  protected: boolean;
  /** Why, one phrase per signal; empty when not protected. */
  reasons: string[];
}

export interface OAuthInputs {
  direct: Assignment;
  /** The same GET with IncludeImpliedPolicies=true; undefined when not read. */
  implied?: Assignment;
  /** OAuth providers configured for this implementation's endpoint (from the API version's OAuth details). */
  providers: string[];
  impl: ImplCode;
  /** Keys of our own policies: never taken for OAuth ones, whatever they are called. */
  ours: string[];
  /** --oauth-policy: more keys or names that count as OAuth policies. */
  extra: string[];
}

function label(policy: PolicyRef): string {
  return `"${policy.Name ?? policy.PolicyKey ?? '?'}"`;
}

export function isOAuthPolicy(policy: PolicyRef, ours: string[], extra: string[]): boolean {
  if (policy.PolicyKey !== undefined && ours.includes(policy.PolicyKey)) return false;
  if ((policy.PolicyKey !== undefined && extra.includes(policy.PolicyKey)) || (policy.Name !== undefined && extra.includes(policy.Name))) return true;
  return [policy.Name, policy.PolicyKey, policy.PolicySubType].some((field) => typeof field === 'string' && OAUTH_POLICY_PATTERN.test(field));
}

function keysOf(assignment: Assignment): Set<string> {
  const keys = new Set<string>();
  for (const policy of assignment.policies) if (policy.PolicyKey !== undefined) keys.add(policy.PolicyKey);
  for (const operation of assignment.operations) for (const policy of operation.policies) if (policy.PolicyKey !== undefined) keys.add(policy.PolicyKey);
  return keys;
}

export function decideOAuth(inputs: OAuthInputs): OAuthVerdict {
  const { direct, implied, ours, extra } = inputs;
  const oauth = (policy: PolicyRef) => isOAuthPolicy(policy, ours, extra);
  const reasons: string[] = [];
  for (const policy of direct.policies.filter(oauth)) reasons.push(`OAuth policy ${label(policy)} assigned to it`);
  for (const operation of direct.operations) {
    for (const policy of operation.policies.filter(oauth)) reasons.push(`OAuth policy ${label(policy)} on operation ${operation.operation}`);
  }
  if (implied !== undefined) {
    const own = keysOf(direct);
    const inherited = [...implied.policies, ...implied.operations.flatMap((operation) => operation.policies)].filter(
      (policy) => policy.PolicyKey === undefined || !own.has(policy.PolicyKey)
    );
    const named = new Set<string>();
    for (const policy of inherited.filter(oauth)) {
      if (named.has(label(policy))) continue;
      named.add(label(policy));
      reasons.push(`OAuth policy ${label(policy)} inherited from the tenant or organization`);
    }
  }
  for (const provider of inputs.providers) {
    reasons.push(`OAuth settings: provider "${provider}" on the ${inputs.impl === 'Live' ? 'Live (production)' : 'Sandbox'} endpoint`);
  }
  return { protected: reasons.length > 0, reasons };
}

/**
 * OAuth providers of one endpoint in a GET .../oauthdetails answer. Three documented shapes:
 * ProxyAPI.{Production,Sandbox}Endpoint (one provider), ProxyAPIList.* (lists) and
 * {Production,Sandbox}EndpointOAuthDetailsList. An entry counts when it names a provider and
 * does not switch both OAuth 2.0 and 1.0a off.
 */
export function oauthProviders(value: unknown, impl: ImplCode): string[] {
  if (!isObject(value)) return [];
  const key = impl === 'Live' ? 'ProductionEndpoint' : 'SandboxEndpoint';
  const entries = [
    ...(isObject(value.ProxyAPI) ? asList(value.ProxyAPI[key]) : []),
    ...(isObject(value.ProxyAPIList) ? asList(value.ProxyAPIList[key]) : []),
    ...asList(value[`${key}OAuthDetailsList`])
  ];
  const providers: string[] = [];
  for (const entry of entries) {
    if (!isObject(entry) || typeof entry.OAuthProvider !== 'string' || entry.OAuthProvider.trim() === '') continue;
    if (entry.OAuth20Supported === false && entry.OAuth10aSupported === false) continue;
    if (!providers.includes(entry.OAuthProvider)) providers.push(entry.OAuthProvider);
  }
  return providers;
}
