// apigee-deploy against a loopback mock of the Apigee management API: the calls in order, dry run, credentials, and the 401/403/404/409/timeout failures (Node, vitest).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import command from '../../cli/commands/apigee-deploy';
import type { Prompter } from '../../cli/gateway-api/prompter';
import { TEST_HASH_SALT } from '../scenarios/sideband-scenarios';
import { startApigeeApiMock, type ApigeeApiMock } from './apigee-api-mock';

const ASE_TOKEN = 'abcdefghijklmnopqrstuvwxyz012345';
const work = mkdtempSync(join(tmpdir(), 'pi-apigee-deploy-'));
const configFile = join(work, 'config.json');
const saltedConfig = join(work, 'salted.json');

interface Run {
  code: number;
  out: string[];
  err: string[];
}

let api: ApigeeApiMock;

async function deploy(args: string[], io: { env?: NodeJS.ProcessEnv; interactive?: boolean; prompter?: Prompter } = {}): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await command.run(['--org', 'my-org', '--env', 'prod', '--url', api.url, '--config', configFile, ...args], {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    env: io.env ?? { APIGEE_TOKEN: api.token },
    interactive: io.interactive ?? false,
    prompter: io.prompter,
    pollIntervalMs: 5
  });
  return { code, out, err };
}

function writes(): string[] {
  return api.calls.filter((c) => c.method !== 'GET' && !c.url.includes('action=validate')).map((c) => `${c.method} ${c.url}`);
}

function noSecret(run: Run): void {
  const text = [...run.out, ...run.err].join('\n');
  expect(text).not.toContain(ASE_TOKEN);
  expect(text).not.toContain(api.token);
  expect(text).not.toContain(TEST_HASH_SALT);
}

beforeAll(() => {
  writeFileSync(configFile, JSON.stringify({ aseToken: ASE_TOKEN, nodes: [{ name: 'primary', url: 'https://ase1.example.com:8443' }, { name: 'secondary', url: 'https://ase2.example.com:8443' }] }));
  writeFileSync(saltedConfig, JSON.stringify({ aseToken: ASE_TOKEN, hashSecrets: true, hashSalt: TEST_HASH_SALT, nodes: [{ name: 'primary', url: 'https://ase1.example.com:8443' }] }));
});
beforeEach(async () => {
  api = await startApigeeApiMock();
});
afterEach(() => api.close());
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('apigee-deploy', () => {
  it('creates the encrypted KVM and its token entry, imports, deploys with override until READY, then attaches both hooks', async () => {
    const run = await deploy([]);
    expect(run.err).toEqual([]);
    expect(run.code).toBe(0);
    const base = '/v1/organizations/my-org';
    expect(writes()).toEqual([
      `POST ${base}/environments/prod/keyvaluemaps`,
      `PUT ${base}/environments/prod/keyvaluemaps/pi-ase/entries/ase_token`,
      `POST ${base}/environments/prod/keyvaluemaps/pi-ase/entries`,
      `POST ${base}/sharedflows?action=import&name=pi-ase-sideband`,
      `POST ${base}/environments/prod/sharedflows/pi-ase-sideband/revisions/1/deployments?override=true`,
      `PUT ${base}/environments/prod/flowhooks/PreProxyFlowHook`,
      `PUT ${base}/environments/prod/flowhooks/PostProxyFlowHook`
    ]);
    // Polled until READY before any hook was attached.
    const polls = api.calls.filter((c) => c.method === 'GET' && c.url.endsWith('/revisions/1/deployments'));
    expect(polls.length).toBe(3);
    expect(api.calls.indexOf(polls[2])).toBeLessThan(api.calls.findIndex((c) => c.url.includes('flowhooks/PreProxyFlowHook') && c.method === 'PUT'));
    expect(api.state.kvms.get('pi-ase')).toEqual({ encrypted: true, entries: new Map([['ase_token', ASE_TOKEN]]) });
    expect(api.state.hooks.get('PreProxyFlowHook')).toEqual({ sharedFlow: 'pi-ase-sideband', continueOnError: false });
    expect(api.state.hooks.get('PostProxyFlowHook')).toEqual({ sharedFlow: 'pi-ase-sideband', continueOnError: false });
    const bundle = api.state.flows.get('pi-ase-sideband')![0];
    expect(Object.keys(bundle)).toContain('sharedflowbundle/resources/jsc/pi-sideband.js');
    for (const bytes of Object.values(bundle)) expect(new TextDecoder().decode(bytes)).not.toContain(ASE_TOKEN);
    for (const call of api.calls) expect(call.authorization).toBe(`Bearer ${api.token}`);
    expect(run.out.at(-1)).toBe('done: pi-ase-sideband revision 1 runs on every API proxy of prod');
    expect(run.out).toContain('KVM entry pi-ase/ase_token created (value not shown)');
    noSecret(run);
  });

  it('updates what exists: the KVM is kept, entries are PUT, a new revision is imported; hooks and salt as asked', async () => {
    api.state.kvms.set('pi-ase', { encrypted: true, entries: new Map([['ase_token', 'old'], ['hash_salt', 'old']]) });
    api.state.flows.set('pi-ase-sideband', [{}]);
    const run = await deploy(['--config', saltedConfig, '--request-hook', 'PreTargetFlowHook', '--response-hook', 'none']);
    expect(run.code).toBe(0);
    expect(writes()).toEqual([
      'PUT /v1/organizations/my-org/environments/prod/keyvaluemaps/pi-ase/entries/ase_token',
      'PUT /v1/organizations/my-org/environments/prod/keyvaluemaps/pi-ase/entries/hash_salt',
      'POST /v1/organizations/my-org/sharedflows?action=import&name=pi-ase-sideband',
      'POST /v1/organizations/my-org/environments/prod/sharedflows/pi-ase-sideband/revisions/2/deployments?override=true',
      'PUT /v1/organizations/my-org/environments/prod/flowhooks/PreTargetFlowHook'
    ]);
    expect([...api.state.kvms.get('pi-ase')!.entries]).toEqual([['ase_token', ASE_TOKEN], ['hash_salt', TEST_HASH_SALT]]);
    noSecret(run);
  });

  it('--dry-run only reads and has Apigee validate the bundle', async () => {
    const run = await deploy(['--dry-run']);
    expect(run.code).toBe(0);
    expect(writes()).toEqual([]);
    expect(api.calls.filter((c) => c.method !== 'GET').map((c) => c.url)).toEqual(['/v1/organizations/my-org/sharedflows?action=validate&name=pi-ase-sideband']);
    expect(run.out).toContain('would create the encrypted KVM pi-ase');
    expect(run.out).toContain('would write KVM entry pi-ase/ase_token (value from the config, not shown)');
    expect(run.out.at(-1)).toBe('dry run: nothing changed');
    expect(api.state.kvms.size).toBe(0);
    noSecret(run);
  });

  it('refuses to take over a flow hook held by another shared flow, before writing anything', async () => {
    api.state.hooks.set('PreProxyFlowHook', { sharedFlow: 'corp-security', continueOnError: true });
    const run = await deploy([]);
    expect(run.code).toBe(1);
    expect(run.err.join('\n')).toContain('flow hook PreProxyFlowHook of prod runs shared flow corp-security');
    expect(writes()).toEqual([]);
    api.state.flows.set('corp-security', [{}]);
    const replaced = await deploy(['--replace-hooks']);
    expect(replaced.code).toBe(0);
    expect(api.state.hooks.get('PreProxyFlowHook')?.sharedFlow).toBe('pi-ase-sideband');
  });

  it('says what to do on 401, 403, 404 and 409, in one line, and stops there', async () => {
    const wrongToken = await deploy([], { env: { APIGEE_TOKEN: 'expired' } });
    expect(wrongToken.code).toBe(1);
    expect(wrongToken.err).toEqual([expect.stringMatching(/^pi-akana apigee-deploy: error: environment prod of organization my-org: the token was refused \(401 \(UNAUTHENTICATED: .*\)\): get a fresh one \(gcloud auth print-access-token\) and set APIGEE_TOKEN$/)]);
    expect(api.calls).toHaveLength(1);

    api.state.failures.push({ match: /^POST .*action=import/, status: 403, message: 'Permission denied on resource' });
    const denied = await deploy([]);
    expect(denied.err[0]).toMatch(/importing shared flow pi-ase-sideband: permission denied \(403 \(PERMISSION_DENIED: Permission denied on resource\)\): the account needs rights/);
    expect(api.state.hooks.size).toBe(0);

    const missingEnv = await deploy(['--env', 'staging']);
    expect(missingEnv.err[0]).toMatch(/environment staging of organization my-org: not found \(404 .*\): check --org my-org and --env staging/);

    api.state.failures.push({ match: /^POST .*\/deployments/, status: 409, message: 'deployment in progress' });
    const conflict = await deploy([]);
    expect(conflict.err[0]).toMatch(/deploying pi-ase-sideband revision \d+ to prod: conflict \(409 .*deployment in progress.*\): another change is under way/);
    for (const run of [wrongToken, denied, missingEnv, conflict]) {
      expect(run.err).toHaveLength(1);
      noSecret(run);
    }
  });

  it('names the time limit when the API does not answer, and a deployment that ends in ERROR', async () => {
    api.state.delays.push({ match: /^GET .*\/environments\/prod$/, ms: 1500 });
    const slow = await deploy(['--timeout', '300']);
    expect(slow.code).toBe(1);
    expect(slow.err[0]).toMatch(/no answer from http:\/\/127\.0\.0\.1:\d+ within 300 ms \(--timeout 300\)/);
    api.state.delays = [];
    api.state.deployState = 'ERROR';
    const failed = await deploy([]);
    expect(failed.err[0]).toMatch(/deployment of pi-ase-sideband revision 1 to prod failed: policy JS-PiSideband failed validation; the flow hooks were not changed/);
    expect(api.state.hooks.size).toBe(0);
    api.state.deployState = 'READY';
    api.state.deployPolls = 1000;
    const stuck = await deploy(['--deploy-timeout', '50']);
    expect(stuck.err[0]).toMatch(/not READY after 50 ms \(state PROGRESSING\)/);
  });

  it('takes the token from APIGEE_TOKEN or a prompt without echo, never from the command line', async () => {
    const asked: string[] = [];
    const prompter: Prompter = { line: async () => '', secret: async (q) => (asked.push(q), api.token) };
    const prompted = await deploy(['--dry-run'], { env: {}, interactive: true, prompter });
    expect(prompted.code).toBe(0);
    expect(asked).toEqual(['Apigee access token (gcloud auth print-access-token): ']);
    const afterDryRun = api.calls.length;
    const none = await deploy([], { env: {} });
    expect(none.code).toBe(1);
    expect(none.err[0]).toContain('no Apigee token: set APIGEE_TOKEN');
    const flag = await deploy(['--token', 'x']);
    expect(flag.code).toBe(2);
    expect(flag.err[0]).toContain('--token is not accepted');
    // Neither run reached the API.
    expect(api.calls).toHaveLength(afterDryRun);
  });

  it('rejects bad arguments in one usage line', async () => {
    const out: string[] = [];
    const err: string[] = [];
    expect(await command.run(['--env', 'prod'], { out: (l) => out.push(l), err: (l) => err.push(l) })).toBe(2);
    expect(err[0]).toMatch(/^pi-akana apigee-deploy: --org is required/);
    expect(await command.run(['--org', 'o', '--env', 'prod', '--response-hook', 'PreProxyFlowHook'], { err: (l) => err.push(l) })).toBe(2);
    expect(err[1]).toContain('--response-hook takes PostTargetFlowHook or PostProxyFlowHook or none');
    const nodeless = join(work, 'akana.json');
    writeFileSync(nodeless, JSON.stringify({ aseToken: '', nodes: [{ name: 'primary', service: '{a}b', interface: '{a}c', requestOperation: 'r', responseOperation: 's' }] }));
    const run = await deploy(['--config', nodeless]);
    expect(run.code).toBe(1);
    expect(run.err[0]).toContain('nodes[0] has no url');
    expect(api.calls).toEqual([]);
  });
});
