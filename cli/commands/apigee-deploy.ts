// `apigee-deploy` command: builds the Apigee shared flow from a config and puts it in an environment: KVM entries, import, deploy, flow hooks (Node only).
import { relative } from 'node:path';
import { readCa } from '../gateway-api/ca-file';
import { terminalPrompter, type CredentialedIo } from '../gateway-api/prompter';
import { startCommand, userPath } from '../command-io';
import { readPackageVersion } from '../../packaging/build-bundles';
// Loaded only when a command runs: building the shared flow needs the ES5 compiler, a dev dependency.
type RenderSharedFlow = typeof import('../../packaging/apigee/build-apigee').renderSharedFlow;
import { scriptTimeLimit } from '../../packaging/apigee/bundle-files';
import { zipFiles } from '../../packaging/apigee/zip';
import type { FlowHookPoint } from '../../packaging/apigee/apigee-options';
import { parseDeployArgs, TOKEN_VARIABLE, type DeployArgs } from '../apigee/args';
import { explainFailure } from '../apigee/failures';
import { ApigeeClient } from '../apigee/management-client';
import { resolveToken } from '../apigee/token';
import {
  attachHook, attachedFlow, checkEnvironment, deployRevision, ensureKvm, hasKvm, importSharedFlow, kvmEntries, sharedFlowRevisions, waitUntilReady, writeEntry, type StepContext
} from '../apigee/steps';

export const name = 'apigee-deploy';
export const summary = 'build the Apigee shared flow from a config and deploy it to an environment: KVM token, import, deploy, flow hooks (--dry-run only reads)';
export const usage = `usage: apigee-deploy --org ORG --env ENV [--config FILE] [options]

Builds the shared flow from the JSON config (as "build" does for dist/apigee; every node needs a
url) and puts it in one Apigee X / hybrid environment over the management API, in this order:
  1. reads the environment and the flow hooks (a hook held by another shared flow stops the run
     unless --replace-hooks), so a wrong name changes nothing;
  2. creates the encrypted environment KVM if missing, then writes its entries: ase_token (the
     config's aseToken) and, with hashSecrets, hash_salt (PUT, or POST when new; never printed);
  3. imports the bundle as a new revision (POST .../sharedflows?action=import);
  4. deploys that revision with override=true and polls it until READY;
  5. attaches the flow hooks (PUT .../flowhooks/{point}, continueOnError false).

  --org ORG                  Apigee organization (the Google Cloud project) (required)
  --env ENV                  environment (required)
  --config FILE              JSON config (default examples/apigee-config.json; see "validate")
  --name NAME                shared flow name (default pi-ase-sideband)
  --kvm NAME                 environment KVM for the secrets (default pi-ase)
  --request-hook POINT       PreProxyFlowHook (default: ASE sees the call as the client sent it)
                             or PreTargetFlowHook (after the proxy's OAuth step: user_info)
  --response-hook POINT      PostProxyFlowHook (default), PostTargetFlowHook, or none
  --replace-hooks            attach even where another shared flow holds the hook
  --username-variable VAR    flow variable with the end user for user_info (default: none)
  --client-id-variable VAR   flow variable with the client app (default client_id)
  --no-health-cache          no LookupCache/PopulateCache: node health per call
  --truststore REF           TLS to ASE: truststore (reference) for the script's SSLInfo
  --keystore REF --key-alias ALIAS
                             mTLS to ASE (ASE 5.1.3+): client keystore (reference) and alias
  --dry-run                  only read, and have Apigee validate the bundle (action=validate,
                             nothing saved); print what would change
  --url ORIGIN               management API (default https://apigee.googleapis.com; a region's
                             https://REGION-apigee.googleapis.com)
  --ca FILE                  also trust this CA certificate (PEM)
  --timeout MS               limit for each request (default 30000)
  --deploy-timeout MS        how long to wait for READY (default 300000)
  -h, --help                 show this text

credentials (never on the command line): ${TOKEN_VARIABLE}, an OAuth access token of an account
allowed to manage shared flows, deployments, flow hooks and KVMs
(${TOKEN_VARIABLE}=$(gcloud auth print-access-token)); asked without echo when missing on a terminal.

exit status: 0 done (or, with --dry-run, planned), 1 failure, 2 usage error`;

export interface ApigeeDeployIo extends CredentialedIo {
  /** Between deployment polls (default 2000 ms). */
  pollIntervalMs?: number;
}

function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

async function plan(ctx: StepContext, args: DeployArgs, flow: { name: string; kvm: string; zip: Uint8Array; entries: string[] }): Promise<void> {
  ctx.progress((await hasKvm(ctx, flow.kvm)) ? `KVM ${flow.kvm} exists` : `would create the encrypted KVM ${flow.kvm}`);
  for (const entry of flow.entries) ctx.progress(`would write KVM entry ${flow.kvm}/${entry} (value from the config, not shown)`);
  const revisions = await sharedFlowRevisions(ctx, flow.name);
  ctx.progress(revisions.length ? `shared flow ${flow.name} has revisions ${revisions.join(', ')}: would import a new one` : `shared flow ${flow.name} is new: would import revision 1`);
  await importSharedFlow(ctx, flow.name, flow.zip, 'validate');
  ctx.progress(`Apigee validated the bundle (action=validate: nothing saved)`);
  ctx.progress(`would deploy it to ${args.env} (override=true) and attach ${hooksOf(args).join(' and ')}`);
}

function hooksOf(args: DeployArgs): FlowHookPoint[] {
  return args.responseHook ? [args.requestHook, args.responseHook] : [args.requestHook];
}

export async function run(argv: string[], io: ApigeeDeployIo = {}): Promise<number> {
  const start = startCommand(argv, io, { name, usage }, parseDeployArgs);
  if ('exitCode' in start) return start.exitCode;
  const { parsed: args, out, err } = start;
  const fail = (message: string): number => {
    err(`pi-akana apigee-deploy: error: ${message}`);
    return 1;
  };
  let token: string;
  let ca: string | undefined;
  let built: Awaited<ReturnType<RenderSharedFlow>>;
  try {
    token = await resolveToken(io.env ?? process.env, io.interactive ?? process.stdin.isTTY === true, io.prompter ?? terminalPrompter);
    ca = await readCa(args.ca === undefined ? undefined : userPath(args.ca));
    const { renderSharedFlow } = await import('../../packaging/apigee/build-apigee');
    built = await renderSharedFlow({ configFile: args.configFile === undefined ? undefined : userPath(args.configFile), version: await readPackageVersion(), options: args.options });
  } catch (error) {
    return fail((error as Error).message);
  }
  const zip = zipFiles(built.files);
  const flowName = built.options.name;
  const entries = kvmEntries(built.config);
  out(`built ${flowName}.zip (${zip.length} bytes; script timeLimit ${scriptTimeLimit(built.config)} ms) from ${args.configFile === undefined ? 'examples/apigee-config.json' : shown(userPath(args.configFile))}`);
  const client = new ApigeeClient(args.apiOrigin, token, args.timeoutMs, ca);
  const ctx: StepContext = { client, org: args.org, env: args.env, progress: out };
  try {
    await checkEnvironment(ctx);
    out(`environment ${args.env} of organization ${args.org}: reachable`);
    for (const point of hooksOf(args)) {
      const current = await attachedFlow(ctx, point);
      if (current !== '' && current !== flowName && !args.replaceHooks) {
        return fail(`flow hook ${point} of ${args.env} runs shared flow ${current}: one shared flow per hook; attach ${flowName} by FlowCallout from ${current}, or pass --replace-hooks; nothing was changed`);
      }
      out(`flow hook ${point}: ${current === '' ? 'free' : current === flowName ? `already ${flowName}` : `${current} (replaced, --replace-hooks)`}`);
    }
    if (entries.length === 0) out('no aseToken in the config: no KVM entry to write (ASE sideband authentication must be off)');
    if (args.dryRun) {
      await plan(ctx, args, { name: flowName, kvm: built.options.kvm, zip, entries: entries.map(([entry]) => entry) });
      out('dry run: nothing changed');
      return 0;
    }
    out((await ensureKvm(ctx, built.options.kvm)) === 'created' ? `created the encrypted KVM ${built.options.kvm}` : `KVM ${built.options.kvm} exists`);
    for (const [entry, value] of entries) out(`KVM entry ${built.options.kvm}/${entry} ${await writeEntry(ctx, built.options.kvm, entry, value)} (value not shown)`);
    const revision = await importSharedFlow(ctx, flowName, zip, 'import');
    if (revision === '') return fail(`importing shared flow ${flowName}: the answer names no revision`);
    out(`imported ${flowName} revision ${revision}`);
    await deployRevision(ctx, flowName, revision);
    out(`deploying revision ${revision} to ${args.env} (override=true)`);
    const pollMs = io.pollIntervalMs ?? 2000;
    await waitUntilReady(ctx, flowName, revision, { timeoutMs: args.deployTimeoutMs, pollMs, sleep: (ms) => new Promise((r) => setTimeout(r, ms)), now: Date.now });
    out(`revision ${revision} is READY in ${args.env}`);
    for (const point of hooksOf(args)) {
      await attachHook(ctx, point, flowName);
      out(`attached ${flowName} to ${point} (continueOnError false)`);
    }
    out(`done: ${flowName} revision ${revision} runs on every API proxy of ${args.env}`);
    return 0;
  } catch (error) {
    return fail(explainFailure(error, args));
  } finally {
    await client.close();
  }
}

export default { name, summary, usage, run };
