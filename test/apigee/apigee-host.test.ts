// The Apigee host beyond the shared table, in real Rhino with the fake object model: health across calls, config and object failures, Apigee's undocumented choices both ways, hooks, async bounds (Node, vitest).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAseStandin, type AseStandin } from '../../standin';
import { rhinoAvailable, runApigeeScenarios, type ApigeeScenario, type ApigeeScenarioResult, type CallResult } from '../../emulators/apigee';
import { FLOW_VARIABLES } from '../../policies/hosts/apigee';
import type { ApigeeBuild } from '../../packaging/apigee/build-apigee';
import { makeCall, makeResponse } from '../core/fixtures';
import { refusedPort } from '../scenarios/scenario-nodes';
import { buildLegBundle, kvmFor, legConfig, LEG_TIME_LIMIT_SCALE, piConfigFor, presentCall } from './apigee-leg';

const engine = rhinoAvailable();
const TOKEN = 'abcdefghijklmnopqrstuvwxyz012345';

function prints(call: CallResult): string {
  return [...(call.request?.prints ?? []), ...(call.response?.prints ?? [])].join('\n');
}

describe.skipIf(!engine.ok)(`the Apigee host in Rhino (${engine.reason})`, () => {
  let ase: AseStandin;
  let slow: AseStandin;
  let bundle: ApigeeBuild;
  let noCache: ApigeeBuild;
  let asyncBundle: ApigeeBuild;
  let down: string;
  const results = new Map<string, ApigeeScenarioResult>();

  beforeAll(async () => {
    ase = await startAseStandin({ name: 'primary', token: TOKEN, deny: { tokens: ['tok-denied'] } });
    slow = await startAseStandin({ name: 'slow', token: TOKEN, faults: { delayMs: 600 } });
    down = `http://127.0.0.1:${await refusedPort()}`;
    bundle = await buildLegBundle();
    noCache = await buildLegBundle({ healthCache: false });
    asyncBundle = await buildLegBundle({}, { asyncMode: true });
    const config = (raw: Record<string, unknown> = {}) => legConfig({ aseToken: TOKEN, nodes: [{ name: 'primary', url: ase.url }], ...raw });
    const scenario = (name: string, raw: Record<string, unknown>, rest: Partial<ApigeeScenario>): ApigeeScenario => {
      const c = config(raw);
      return { name, bundle: bundle.zip, resources: { 'pi-config.js': piConfigFor(c) }, kvm: kvmFor(c), host: { timeLimitScale: LEG_TIME_LIMIT_SCALE }, calls: [], ...rest };
    };
    const failover = { nodes: [{ name: 'primary', url: down }, { name: 'secondary', url: ase.url }], retryAfterMs: 60000 };
    const plain = presentCall(makeCall({ response: makeResponse() }));
    const denied = presentCall(makeCall({ request: { headers: [{ name: 'Host', value: 'api.example.com' }, { name: 'Authorization', value: 'Bearer tok-denied' }] } }));
    const scenarios: ApigeeScenario[] = [
      scenario('health carried by the cache', failover, { calls: [{ ...plain, name: 'first' }, { ...plain, name: 'second' }] }),
      { ...scenario('health per call without the cache steps', failover, { calls: [{ ...plain, name: 'first' }, { ...plain, name: 'second' }] }), bundle: noCache.zip },
      scenario('invalid pi-config.js', { retryAfterMs: 5 }, { resources: { 'pi-config.js': 'var pi_config = { nodes: [{ name: "primary", url: "' + ase.url + '" }], retryAfterMs: -1 };' }, calls: [plain, plain] }),
      scenario('pi-config.js missing from the bundle', {}, { resources: { 'pi-config.js': '' }, calls: [plain] }),
      scenario('KVM without the token entry', {}, { kvm: { 'pi-ase': {} }, calls: [plain] }),
      scenario('KVM missing altogether', {}, { kvm: {}, calls: [plain] }),
      scenario('no context object', {}, { bindings: { context: 'absent' }, calls: [plain] }),
      scenario('no httpClient object', {}, { bindings: { httpClient: 'absent' }, calls: [plain] }),
      scenario('no Request constructor', {}, { bindings: { Request: 'absent', print: 'absent' }, calls: [plain] }),
      scenario('status as a number, waits that throw', { nodes: [{ name: 'slow', url: slow.url }, { name: 'primary', url: ase.url }], attemptTimeoutMs: 100 }, {
        host: { statusShape: 'number', waitTimeout: 'throws', timeLimitScale: LEG_TIME_LIMIT_SCALE },
        calls: [plain, denied]
      }),
      scenario('target flow hooks', {}, { calls: [{ ...plain, hooks: { request: 'PreTargetFlowHook', response: 'PostTargetFlowHook' } }] }),
      scenario('comma-separated header values reach ASE whole', {}, {
        calls: [presentCall(makeCall({ request: { headers: [{ name: 'Host', value: 'api.example.com' }, { name: 'Accept', value: 'text/html, application/json' }, { name: 'X-Many', value: 'a' }, { name: 'X-Many', value: 'b' }] } }))]
      }),
      {
        ...scenario('async mode bounded by timeLimit when Apigee holds the script', { asyncMode: true, nodes: [{ name: 'slow', url: slow.url }] }, { host: { pendingCalls: 'hold' }, calls: [plain] }),
        bundle: asyncBundle.zip
      },
      scenario('the apigee-1.7.13 profile', {}, {
        resources: {
          'pi-sideband.js': [
            'var probe = {};',
            'try { JSON.stringify({ names: context.getVariable("request.headers.names") }); probe.stringify = "ok"; } catch (e) { probe.stringify = "TypeError" === e.name ? "refused" : String(e); }',
            'probe.plain = JSON.stringify({ a: String(context.getVariable("request.verb")) });',
            'probe.java = typeof java + "," + typeof Packages;',
            'probe.es2015 = typeof Object.values + "," + typeof Promise + "," + typeof "".includes;',
            'probe.verbType = typeof context.getVariable("request.verb");',
            'probe.names = String(context.getVariable("request.headers.names"));',
            'context.setVariable("probe", JSON.stringify(probe));'
          ].join('\n')
        },
        calls: [plain]
      }),
      scenario('a block answered by RaiseFault on every flow hook pair', {}, { calls: [{ ...denied, hooks: { request: 'PreTargetFlowHook', response: 'PostTargetFlowHook' } }] })
    ];
    const doc = await runApigeeScenarios(scenarios);
    for (const result of doc.scenarios) results.set(result.name, result);
  }, 180000);

  afterAll(async () => {
    await ase.close();
    await slow.close();
  });

  const calls = (name: string): CallResult[] => {
    const result = results.get(name)!;
    expect(result.error).toBeNull();
    return result.calls;
  };

  it('keeps node health across calls in the cache: the second call skips the refused primary', () => {
    const [first, second] = calls('health carried by the cache');
    expect(first.request!.sends.map((s) => s.url.replace(/\/ase\/.*/, ''))).toEqual([down, ase.url]);
    expect(first.request!.variables[FLOW_VARIABLES.healthChanged]).toBe('true');
    expect(first.request!.steps.find((s) => s.policy === 'PC-PiNodeHealth')?.executed).toBe(true);
    expect(second.request!.sends.map((s) => s.url)).toEqual([`${ase.url}/ase/request`]);
    expect(prints(second)).toContain('primary: skipped, down for');
    for (const call of [first, second]) expect(call.client.status).toBe(200);
  });

  it('without the cache steps each call starts afresh and probes the primary again', () => {
    const [first, second] = calls('health per call without the cache steps');
    for (const call of [first, second]) {
      expect(call.request!.steps.map((s) => s.policy)).not.toContain('LC-PiNodeHealth');
      expect(call.request!.sends.map((s) => s.url.replace(/\/ase\/.*/, ''))).toEqual([down, ase.url]);
    }
  });

  it('forwards every call with one CONFIG_INVALID line naming the field while pi-config.js is wrong', () => {
    const [first, second] = calls('invalid pi-config.js');
    for (const call of [first, second]) {
      expect(call.client.status).toBe(200);
      expect(call.request!.sends).toEqual([]);
      expect(call.request!.variables[FLOW_VARIABLES.requestCode]).toBe('CONFIG_INVALID');
    }
    expect(prints(first)).toMatch(/ERROR PingIntelligence: CONFIG_INVALID: 1 problem: retryAfterMs /);
    expect(String(first.request!.variables[FLOW_VARIABLES.log])).toContain('CONFIG_INVALID');
    // Once while the cache keeps the record: the second call stays quiet.
    expect(prints(second)).toBe('');
    const [missing] = calls('pi-config.js missing from the bundle');
    expect(prints(missing)).toContain('CONFIG_INVALID: pi-config.js defines no pi_config object');
    expect(missing.client.status).toBe(200);
  });

  it('says which KVM entry is missing, and goes on when the KVM itself is missing', () => {
    const [noEntry] = calls('KVM without the token entry');
    expect(prints(noEntry)).toContain('the KVM entry ase_token of pi-ase is missing or empty');
    expect(noEntry.request!.sends).toEqual([]);
    const [noMap] = calls('KVM missing altogether');
    expect(noMap.request!.steps[0]).toMatchObject({ policy: 'KVM-PiSecrets', executed: true });
    expect(noMap.request!.steps[0].error).toContain('does not exist');
    expect(noMap.client.status).toBe(200);
    expect(prints(noMap)).toContain('ase_token of pi-ase is missing');
  });

  it('forwards the call with one HOST_READ line when an object of the script scope is missing', () => {
    for (const [name, missing] of [['no context object', 'context'], ['no httpClient object', 'httpClient']]) {
      const [call] = calls(name);
      expect(call.client.status).toBe(200);
      expect(call.request!.sends).toEqual([]);
      expect(call.request!.steps.every((s) => !s.error)).toBe(true);
      expect(prints(call)).toContain(`HOST_READ: ${missing} is not bound`);
    }
    const [noRequest] = calls('no Request constructor');
    expect(noRequest.request!.sends).toEqual([]);
    expect(noRequest.request!.prints).toEqual([]);
    expect(String(noRequest.request!.variables[FLOW_VARIABLES.log])).toContain('HOST_READ: Request is not bound');
  });

  it('reads a numeric status and survives waits that throw: timeout, failover, block', () => {
    const [allowed, blocked] = calls('status as a number, waits that throw');
    expect(allowed.request!.variables[FLOW_VARIABLES.node]).toBe('primary');
    expect(prints(allowed)).toContain('slow: ASE_TIMEOUT (waitForComplete failed');
    expect(allowed.client.status).toBe(200);
    expect(blocked.client.status).toBe(403);
  });

  it('tells request from response by context.flow on the target hooks too', () => {
    const [call] = calls('target flow hooks');
    expect(call.request!.flow).toBe('TARGET_REQ_FLOW');
    expect(call.response!.flow).toBe('TARGET_RESP_FLOW');
    expect(call.response!.sends.map((s) => s.url)).toEqual([`${ase.url}/ase/response`]);
    expect(call.response!.sends[0].headers['X-CorrelationID']).toBe(call.request!.variables[FLOW_VARIABLES.correlationId]);
    const [blocked] = calls('a block answered by RaiseFault on every flow hook pair');
    expect(blocked.client).toMatchObject({ status: 403, fault: 'RF-PiBlocked' });
    expect(blocked.backendCalled).toBe(false);
  });

  it('sends each header whole although Apigee splits values on commas', () => {
    const [call] = calls('comma-separated header values reach ASE whole');
    const headers = JSON.parse(call.request!.sends[0].body ?? '{}').headers as Array<Record<string, string>>;
    expect(headers).toContainEqual({ accept: 'text/html, application/json' });
    expect(headers).toContainEqual({ 'x-many': 'a, b' });
  });

  it('async mode never blocks: when Apigee holds the script for its call, timeLimit ends it and the call goes on', () => {
    const [call] = calls('async mode bounded by timeLimit when Apigee holds the script');
    const js = call.request!.steps.find((s) => s.policy === 'JS-PiSideband')!;
    expect(js.error).toMatch(/exceeded its timeLimit of 200 ms/);
    expect(call.request!.variables[FLOW_VARIABLES.requestCode]).toBe('ASE_ASYNC');
    expect(call.client.status).toBe(200);
    expect(call.backendCalled).toBe(true);
  });

  it('runs scripts at the 1.7.13 level: no JSON.stringify of Java values, no LiveConnect globals, no ES2015 built-ins, Java strings from getVariable', () => {
    const [call] = calls('the apigee-1.7.13 profile');
    expect(JSON.parse(String(call.request!.variables.probe))).toEqual({
      stringify: 'refused',
      plain: '{"a":"GET"}',
      java: 'undefined,undefined',
      es2015: 'undefined,undefined,undefined',
      verbType: 'object',
      names: '[Host]'
    });
  });

  it('never puts the token in a log line or a flow variable other than the private one', () => {
    for (const result of results.values()) {
      for (const call of result.calls) {
        expect(prints(call)).not.toContain(TOKEN);
        for (const flow of [call.request, call.response]) {
          for (const [name, value] of Object.entries(flow?.variables ?? {})) if (name !== FLOW_VARIABLES.aseToken) expect(String(value)).not.toContain(TOKEN);
        }
      }
    }
  });
});
