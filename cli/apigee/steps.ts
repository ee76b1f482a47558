// apigee-deploy (Node only): the management calls, one per step: environment, KVM and entries, import, deploy and wait, flow hooks.
import { KVM_ENTRIES } from '../../policies/hosts/apigee';
import type { FlowHookPoint } from '../../packaging/apigee/apigee-options';
import { ApigeeApiError, type ApigeeClient } from './management-client';

export interface StepContext {
  client: ApigeeClient;
  org: string;
  env: string;
  progress: (line: string) => void;
}

function envPath(ctx: StepContext): string {
  return `organizations/${encodeURIComponent(ctx.org)}/environments/${encodeURIComponent(ctx.env)}`;
}

function isStatus(error: unknown, status: number): boolean {
  return error instanceof ApigeeApiError && error.status === status;
}

export async function checkEnvironment(ctx: StepContext): Promise<void> {
  await ctx.client.call('GET', envPath(ctx), `environment ${ctx.env} of organization ${ctx.org}`);
}

/** Whether the environment has the KVM (GET .../keyvaluemaps lists the names). */
export async function hasKvm(ctx: StepContext, kvm: string): Promise<boolean> {
  const names = await ctx.client.call('GET', `${envPath(ctx)}/keyvaluemaps`, `the KVMs of environment ${ctx.env}`);
  return Array.isArray(names) && names.includes(kvm);
}

/** Creates the encrypted environment KVM when it is missing; a 409 means another run made it. */
export async function ensureKvm(ctx: StepContext, kvm: string): Promise<'created' | 'exists'> {
  if (await hasKvm(ctx, kvm)) return 'exists';
  try {
    await ctx.client.call('POST', `${envPath(ctx)}/keyvaluemaps`, `creating KVM ${kvm}`, { json: { name: kvm, encrypted: true } });
    return 'created';
  } catch (error) {
    if (isStatus(error, 409)) return 'exists';
    throw error;
  }
}

/** Writes one entry: PUT (update) first, POST (create) when it does not exist yet. Never reads a value back. */
export async function writeEntry(ctx: StepContext, kvm: string, entry: string, value: string): Promise<'updated' | 'created'> {
  const base = `${envPath(ctx)}/keyvaluemaps/${encodeURIComponent(kvm)}/entries`;
  try {
    await ctx.client.call('PUT', `${base}/${encodeURIComponent(entry)}`, `updating KVM entry ${kvm}/${entry}`, { json: { name: entry, value } });
    return 'updated';
  } catch (error) {
    if (!isStatus(error, 404)) throw error;
  }
  await ctx.client.call('POST', base, `creating KVM entry ${kvm}/${entry}`, { json: { name: entry, value } });
  return 'created';
}

/** The KVM entries a config needs, with their values (the token, the hashSecrets salt). */
export function kvmEntries(config: { aseToken: string; hashSecrets: boolean; hashSalt: string }): Array<[string, string]> {
  const entries: Array<[string, string]> = [];
  if (config.aseToken) entries.push([KVM_ENTRIES.aseToken, config.aseToken]);
  if (config.hashSecrets) entries.push([KVM_ENTRIES.hashSalt, config.hashSalt]);
  return entries;
}

/** Uploads the zip as a new revision (action=import), or only has Apigee check it (action=validate, nothing saved). */
export async function importSharedFlow(ctx: StepContext, name: string, zip: Uint8Array, action: 'import' | 'validate'): Promise<string> {
  const answer = (await ctx.client.call(
    'POST',
    `organizations/${encodeURIComponent(ctx.org)}/sharedflows?action=${action}&name=${encodeURIComponent(name)}`,
    `${action === 'import' ? 'importing' : 'validating'} shared flow ${name}`,
    { multipart: { field: 'file', filename: `${name}.zip`, bytes: zip } }
  )) as { revision?: unknown };
  return answer.revision === undefined ? '' : String(answer.revision);
}

/** The shared flow's revisions, or [] when it does not exist yet. */
export async function sharedFlowRevisions(ctx: StepContext, name: string): Promise<string[]> {
  try {
    const flow = (await ctx.client.call('GET', `organizations/${encodeURIComponent(ctx.org)}/sharedflows/${encodeURIComponent(name)}`, `shared flow ${name}`)) as { revision?: unknown };
    return Array.isArray(flow.revision) ? flow.revision.map(String) : [];
  } catch (error) {
    if (isStatus(error, 404)) return [];
    throw error;
  }
}

function deploymentsPath(ctx: StepContext, name: string, revision: string): string {
  return `${envPath(ctx)}/sharedflows/${encodeURIComponent(name)}/revisions/${encodeURIComponent(revision)}/deployments`;
}

/** Deploys the revision, replacing the one deployed (override=true); the body must be empty. */
export async function deployRevision(ctx: StepContext, name: string, revision: string): Promise<void> {
  await ctx.client.call('POST', `${deploymentsPath(ctx, name, revision)}?override=true`, `deploying ${name} revision ${revision} to ${ctx.env}`, { empty: true });
}

export interface Waiting {
  timeoutMs: number;
  pollMs: number;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
}

/** Polls the deployment until READY; throws on ERROR (with Apigee's reasons) or when the time is up. */
export async function waitUntilReady(ctx: StepContext, name: string, revision: string, waiting: Waiting): Promise<void> {
  const started = waiting.now();
  let state = '';
  for (;;) {
    const deployment = (await ctx.client.call('GET', deploymentsPath(ctx, name, revision), `the deployment of ${name} revision ${revision}`)) as {
      state?: unknown;
      errors?: Array<{ message?: unknown }>;
    };
    state = typeof deployment.state === 'string' ? deployment.state : '';
    if (state === 'READY') return;
    if (state === 'ERROR') {
      const reasons = (deployment.errors ?? []).map((e) => String(e.message ?? '')).filter(Boolean);
      throw new Error(`deployment of ${name} revision ${revision} to ${ctx.env} failed${reasons.length ? `: ${reasons.join('; ')}` : ''}; the flow hooks were not changed`);
    }
    if (waiting.now() - started >= waiting.timeoutMs) {
      throw new Error(
        `deployment of ${name} revision ${revision} to ${ctx.env} not READY after ${waiting.timeoutMs} ms (state ${state || 'unknown'}); ` +
          'the flow hooks were not changed: check the deployment in Apigee, then run again (or raise --deploy-timeout)'
      );
    }
    ctx.progress(`  deployment ${state || 'pending'}...`);
    await waiting.sleep(waiting.pollMs);
  }
}

/** The shared flow attached at a hook point, '' when none (an unattached point may answer 404). */
export async function attachedFlow(ctx: StepContext, point: FlowHookPoint): Promise<string> {
  try {
    const hook = (await ctx.client.call('GET', `${envPath(ctx)}/flowhooks/${point}`, `flow hook ${point} of ${ctx.env}`)) as { sharedFlow?: unknown };
    return typeof hook.sharedFlow === 'string' ? hook.sharedFlow : '';
  } catch (error) {
    if (isStatus(error, 404)) return '';
    throw error;
  }
}

/** Attaches the shared flow with continueOnError false: a block's RaiseFault must reach the client (the API's default is true). */
export async function attachHook(ctx: StepContext, point: FlowHookPoint, name: string): Promise<void> {
  await ctx.client.call('PUT', `${envPath(ctx)}/flowhooks/${point}`, `attaching ${name} to ${point} of ${ctx.env}`, {
    json: { flowHookPoint: point, sharedFlow: name, continueOnError: false, description: 'PingIntelligence ASE sideband (pi-akana apigee-deploy)' }
  });
}
