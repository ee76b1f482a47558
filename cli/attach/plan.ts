// attach (Node only): what one implementation has and needs: pi_policy everywhere in scope, retain-header where it is OAuth-protected; attached directly or inherited counts as there.
import type { Assignment, PolicyRef } from './assignment';
import type { ApiRef, ImplCode, VersionRef } from './discovery';
import type { OAuthVerdict } from './oauth-signals';
import type { OurPolicies } from './policy-catalog';

export type OurName = 'pi_policy' | 'retain-header';
export const OUR_NAMES: OurName[] = ['pi_policy', 'retain-header'];

export interface ImplementationPlan {
  api: ApiRef;
  version: VersionRef;
  impl: ImplCode;
  /** False when the API version has no such implementation (GET .../policies answered 404). */
  present: boolean;
  direct?: Assignment;
  oauth: OAuthVerdict;
  /** Ours attached to the implementation itself. */
  has: OurName[];
  /** Ours that reach it from the tenant or organization (IncludeImpliedPolicies) without being attached to it. */
  inherited: OurName[];
  /** Ours attached to some operations only (they get the implementation-wide one too). */
  onOperations: Array<{ name: OurName; operations: string[] }>;
  /** What this run adds (or, for --check, what is missing), in this order. */
  add: OurName[];
}

export function label(plan: Pick<ImplementationPlan, 'api' | 'version' | 'impl'>): string {
  return `${plan.api.name} ${plan.version.name} (${plan.impl})`;
}

export function policyOf(name: OurName, ours: OurPolicies): PolicyRef {
  return name === 'pi_policy' ? ours.pi : ours.retain;
}

function hasKey(policies: PolicyRef[], key: string): boolean {
  return policies.some((policy) => policy.PolicyKey === key);
}

export function planImplementation(
  where: Pick<ImplementationPlan, 'api' | 'version' | 'impl'>,
  direct: Assignment | undefined,
  implied: Assignment | undefined,
  oauth: OAuthVerdict,
  ours: OurPolicies
): ImplementationPlan {
  const plan: ImplementationPlan = { ...where, present: direct !== undefined, direct, oauth, has: [], inherited: [], onOperations: [], add: [] };
  if (direct === undefined) return plan;
  for (const name of OUR_NAMES) {
    const key = policyOf(name, ours).PolicyKey as string;
    const operations = direct.operations.filter((operation) => hasKey(operation.policies, key)).map((operation) => operation.operation);
    if (operations.length > 0) plan.onOperations.push({ name, operations });
    if (hasKey(direct.policies, key)) plan.has.push(name);
    else if (implied !== undefined && hasKey(implied.policies, key)) plan.inherited.push(name);
    else if (name === 'pi_policy' || oauth.protected) plan.add.push(name);
  }
  return plan;
}
