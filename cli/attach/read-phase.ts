// attach (Node only): reads everything before anything is written: the APIs in scope, their versions, each implementation's assignment (direct and with inherited policies) and OAuth settings.
import { parseAssignment, type Assignment } from './assignment';
import { listApis, listVersions, policiesPath, selectApis, versionPath, type ApiRef, type ImplCode, type VersionRef } from './discovery';
import { decideOAuth, oauthProviders } from './oauth-signals';
import { planImplementation, type ImplementationPlan } from './plan';
import { PlatformError } from './platform-client';
import { getJson, type Reader } from './platform-reads';
import type { OurPolicies } from './policy-catalog';

export interface Scope {
  /** --org: BusinessIDs; empty: every API the account sees. */
  organizations: string[];
  /** --api: names or APIIDs; empty: every API of the organizations. */
  apis: string[];
  implementations: ImplCode[];
}

export interface ReadOptions {
  ours: OurPolicies;
  /** --oauth-policy. */
  extraOAuth: string[];
  /** Called with each implementation's plan as soon as it is known, and its API's place in the scope. */
  progress: (plan: ImplementationPlan, apiIndex: number, apiCount: number) => void;
  /** Called once the APIs in scope are known. */
  scoped?: (apis: ApiRef[]) => void;
}

async function readAssignment(reader: Reader, path: string, what: string, missingOk: boolean): Promise<Assignment | undefined> {
  const answer = await getJson(reader, path, what, missingOk);
  if (answer.status === 404) return undefined;
  try {
    return parseAssignment(answer.text, `GET ${path}`);
  } catch (error) {
    throw new PlatformError((error as Error).message);
  }
}

async function planVersion(reader: Reader, api: ApiRef, version: VersionRef, scope: Scope, options: ReadOptions): Promise<ImplementationPlan[]> {
  // The OAuth details belong to the API version and cover both endpoints; a version without any may answer 404.
  const details = await getJson(reader, `${versionPath(version)}/oauthdetails`, `the OAuth settings of ${api.name} ${version.name}`, true);
  const ourKeys = [options.ours.pi.PolicyKey, options.ours.retain.PolicyKey];
  const plans: ImplementationPlan[] = [];
  for (const impl of scope.implementations) {
    const where = { api, version, impl };
    const what = `${api.name} ${version.name} (${impl})`;
    // 404 here: this version has no such implementation (many have only Live); reported, not a failure.
    const direct = await readAssignment(reader, policiesPath(version, impl), what, true);
    const implied = direct === undefined ? undefined : await readAssignment(reader, policiesPath(version, impl, true), what, false);
    const oauth =
      direct === undefined
        ? { protected: false, reasons: [] }
        : decideOAuth({ direct, implied, providers: oauthProviders(details.value, impl), impl, ours: ourKeys, extra: options.extraOAuth });
    plans.push(planImplementation(where, direct, implied, oauth, options.ours));
  }
  return plans;
}

/** Every implementation in scope with its plan; throws a PlatformError at the first read that fails. */
export async function readPlans(reader: Reader, scope: Scope, options: ReadOptions): Promise<ImplementationPlan[]> {
  const apis = selectApis(await listApis(reader, scope.organizations), scope.apis);
  options.scoped?.(apis);
  const plans: ImplementationPlan[] = [];
  for (const [index, api] of apis.entries()) {
    for (const version of await listVersions(reader, api)) {
      for (const plan of await planVersion(reader, api, version, scope, options)) {
        plans.push(plan);
        options.progress(plan, index + 1, apis.length);
      }
    }
  }
  return plans;
}
