// Akana-specific behaviour of the built bundles in real Rhino: retained header, config errors, missing host objects, host quirks (Node, vitest).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAseStandin, type AseStandin } from '../../standin';
import { akanaNode, buildAkanaBundles, configScript, ENDUSER, CONSUMER, pauseStep, refusedPort, serviceName } from './akana-leg';
import { rhinoAvailable, runScenarios, type RunOptions, type Scenario, type ScriptRef, type StepResult } from '../../emulators/akana';

const engine = rhinoAvailable();
const TOKEN = 'ase-sideband-token-123';

function logText(step: StepResult): string {
  return step.logs.map((l) => `${l.level} ${l.text}`).join('\n');
}

describe.skipIf(!engine.ok)(`Akana host specifics in Rhino (${engine.reason})`, () => {
  let bundles: { piPolicy: string; retainHeader: string };
  let ase: AseStandin;
  let tagCount = 0;

  beforeAll(async () => {
    bundles = await buildAkanaBundles();
    ase = await startAseStandin({ token: TOKEN, deny: { tokens: ['kept-token-denied'] } });
  }, 120000);
  afterAll(() => ase?.close());

  /** A scenario against the stand-in with a config of its own (fresh services, so fresh node health). */
  function scenario(name: string, steps: (config: ScriptRef) => Scenario['steps'], options: Record<string, unknown> = {}, route: Record<string, unknown> = {}): Scenario {
    const tag = `h${++tagCount}`;
    const config = configScript({ aseToken: TOKEN, nodes: [akanaNode('primary', tag)], ...options });
    return { name, routes: { [serviceName('primary', tag)]: { baseUrl: ase.url, ...route } }, steps: steps(config) };
  }

  async function run(scenarios: Scenario[], options?: RunOptions) {
    ase.clearCalls();
    const results = await runScenarios(scenarios, options);
    for (const r of results) {
      expect(r.error).toBeNull();
      for (const step of r.steps) expect(step.exception, `${r.name} / ${step.name}`).toBeNull();
    }
    return results;
  }

  const request = (headers: Array<[string, string]>, extra: Record<string, string> = {}) => ({
    headers,
    properties: { 'http.method': 'GET', 'http.requested.url': 'https://api.example.com/orders', 'http.client.url': 'http://198.51.100.20:40000/', ...extra }
  });

  it('retain-header keeps Authorization before OAuth removes it; pi_policy sends it to ASE and forgets it', async () => {
    const [result] = await run([
      scenario('retained token', (config) => [
        { name: 'pre-policy auditing', scripts: [bundles.retainHeader], message: request([['Host', 'api.example.com'], ['Authorization', 'Bearer kept-token-denied']]) },
        // The gateway's OAuth step ran in between and deleted the header: the policy sees none.
        { name: 'pi_policy', scripts: [config, bundles.piPolicy], message: request([['Host', 'api.example.com']]) }
      ])
    ]);
    const [retain, policy] = result.steps;
    expect(retain.exchangeProperties['pi.ase.retained.authorization']).toBe('Bearer kept-token-denied');
    expect(policy.success).toBe(false);
    expect(Number(policy.out?.statusCode)).toBe(403);
    expect(policy.exchangeProperties['pi.ase.retained.authorization'] ?? '').toBe('');
    expect(ase.calls).toHaveLength(1);
    expect((ase.calls[0].body as { headers: unknown[] }).headers).toContainEqual({ authorization: 'Bearer kept-token-denied' });
    expect(ase.calls[0].headers['ase-token']).toBe(TOKEN);
    for (const step of result.steps) expect(logText(step)).not.toContain('kept-token-denied');
  });

  it('sends the query string, user_info from the security subjects, and the response with the same correlation id', async () => {
    const [result] = await run([
      scenario('query and identity', (config) => [
        {
          name: 'request',
          scripts: [config, bundles.piPolicy],
          message: {
            ...request([['Host', 'api.example.com'], ['X-Forwarded-For', '203.0.113.9, 10.0.0.1']], { 'com.soa.message.TRANSPORT_QUERY': 'limit=5&access_token=q-token' }),
            securitySubjects: { [ENDUSER]: 'alice', [CONSUMER]: 'app-123' }
          }
        },
        { name: 'response', scripts: [config, bundles.piPolicy], parameterType: 1, message: { headers: [['Content-Type', 'application/json']], properties: { 'http.status.code.property': 201 } } }
      ])
    ]);
    expect(result.steps[0].success).not.toBe(false);
    const [req, res] = ase.calls;
    expect(req.body).toEqual({
      source_ip: '203.0.113.9',
      source_port: 0,
      method: 'GET',
      url: '/orders?limit=5&access_token=q-token',
      http_version: '1.1',
      headers: [{ host: 'api.example.com' }, { 'x-forwarded-for': '203.0.113.9, 10.0.0.1' }, { authorization: 'Bearer q-token' }],
      user_info: [{ username: 'alice' }, { client_id: 'app-123' }]
    });
    expect(res.path).toBe('/ase/response');
    expect(res.body).toEqual({ response_code: '201', response_status: 'Created', http_version: '1.1', headers: [{ 'content-type': 'application/json' }] });
    expect(res.headers['x-correlationid']).toBe(req.headers['x-correlationid']);
  });

  it('an invalid config.js logs one CONFIG_INVALID line naming config.js variables, and forwards every call', async () => {
    const broken: ScriptRef = {
      name: 'config.js',
      source: 'var ase_token = "t"; var primary_ase_service = "no-namespace"; var primary_ase_interface = "{ns}i"; var primary_ase_request_operation = "r"; var primary_ase_response_operation = "s"; var pi_options = { retryAfter: 5 };'
    };
    const steps = [1, 2].map((i) => ({ name: `call ${i}`, exchange: `e${i}`, scripts: [broken, bundles.piPolicy], message: request([['Host', 'api.example.com']]) }));
    const [result] = await run([{ name: 'broken config', steps }]);
    const [first, second] = result.steps;
    expect(first.success).not.toBe(false);
    expect(first.sends).toEqual([]);
    const errors = first.logs.filter((l) => l.level === 'error').map((l) => l.text ?? '');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('CONFIG_INVALID');
    expect(errors[0]).toContain('primary_ase_service');
    expect(errors[0]).toContain('pi_options.retryAfter');
    expect(errors[0]).toContain('retryAfterMs');
    expect(errors[0]).not.toContain('"t"');
    // Once per distinct problem per JVM: the second call does not repeat it.
    expect(second.logs.filter((l) => l.level === 'error')).toHaveLength(0);
    expect(second.sends).toEqual([]);
  });

  it('missing host objects never throw into the gateway', async () => {
    const absentEverything = { messageContext: 'absent', result: 'absent', msgrService: 'absent', auditLog: 'absent', systemLog: 'absent', msgFactory: 'absent' } as const;
    const scenarios: Scenario[] = [
      scenario('no bindings at all', (config) => [
        { name: 'pi_policy', scripts: [config, bundles.piPolicy], bindings: absentEverything, message: request([]) },
        { name: 'retain-header', scripts: [bundles.retainHeader], bindings: absentEverything, message: request([]) }
      ]),
      scenario('null msgrService and result', (config) => [
        { name: 'request', scripts: [config, bundles.piPolicy], bindings: { msgrService: 'null', result: 'null' }, message: request([['Host', 'a']]) }
      ]),
      scenario('no transport headers, no properties', (config) => [
        { name: 'request', scripts: [config, bundles.piPolicy], message: { headers: null } }
      ]),
      { name: 'no config.js at all', steps: [{ name: 'request', scripts: [bundles.piPolicy], message: request([['Host', 'a']]) }] }
    ];
    const results = await run(scenarios);
    expect(logText(results[1].steps[0])).toContain('HOST_READ: msgrService is not bound');
    // No client address at all: a clean skip, not a bad payload.
    expect(logText(results[2].steps[0])).toContain('CLIENT_IP_UNKNOWN');
    expect(logText(results[3].steps[0])).toContain('CONFIG_INVALID');
    expect(ase.calls).toHaveLength(0);
  });

  it('reads ASE statuses reported as java.lang.String and as fault messages', async () => {
    const denied = request([['Host', 'api.example.com'], ['Authorization', 'Bearer kept-token-denied']]);
    const results = await run([
      scenario('status as string', (config) => [{ name: 'request', scripts: [config, bundles.piPolicy], message: denied }], {}, { statusType: 'string' }),
      scenario('status in the fault message', (config) => [{ name: 'request', scripts: [config, bundles.piPolicy], message: denied }], {}, { errorStatusAs: 'fault' })
    ]);
    for (const r of results) {
      expect(r.steps[0].success).toBe(false);
      expect(logText(r.steps[0])).toContain('ASE_BLOCKED');
    }
  });

  it('diagnostics dump every property with secrets masked', async () => {
    const [result] = await run([
      scenario('diagnostics', (config) => [
        {
          name: 'request',
          scripts: [config, bundles.piPolicy],
          message: request([['Host', 'api.example.com'], ['Authorization', 'Bearer diag-secret'], ['Cookie', 'sid=diag-cookie']], {
            'http.request.line': 'GET /orders?access_token=diag-query HTTP/1.1',
            // Akana's raw query (no '?'): the first parameter is a token, the second an API key.
            'com.soa.message.TRANSPORT_QUERY': 'access_token=diag-raw-query&API_KEY=diag-api-key&page=2',
            // Not URL-shaped, not named like a secret: the configured secrets are masked in it too.
            'custom.note': `sent with ${TOKEN}, salted with diag-salt-0123456789`
          })
        }
      ], { diagnostics: true, apiKeyParams: ['api_key'], hashSecrets: true, hashSalt: 'diag-salt-0123456789' })
    ]);
    const dump = result.steps[0].logs.find((l) => (l.text ?? '').indexOf('PI_DIAGNOSTICS') >= 0);
    expect(dump?.logger).toBe('auditLog');
    expect(dump?.text).toContain('http.method=GET');
    expect(dump?.text).toContain('access_token=***');
    expect(dump?.text).toContain('com.soa.message.TRANSPORT_QUERY=access_token=***&API_KEY=***&page=2');
    expect(dump?.text).toContain('custom.note=sent with ***, salted with ***');
    for (const secret of ['diag-secret', 'diag-cookie', 'diag-query', 'diag-raw-query', 'diag-api-key', 'diag-salt-0123456789', TOKEN]) {
      expect(logText(result.steps[0])).not.toContain(secret);
    }
  });

  it('async mode answers at once and sends from a background thread', async () => {
    const slow = await startAseStandin({ faults: { delayMs: 300 }, deny: { tokens: ['async-denied'] } });
    try {
      const tag = `h${++tagCount}`;
      const config = configScript({ aseToken: '', nodes: [akanaNode('primary', tag)], asyncMode: true });
      const results = await runScenarios([
        {
          name: 'async',
          routes: { [serviceName('primary', tag)]: { baseUrl: slow.url } },
          steps: [
            { name: 'request', scripts: [config, bundles.piPolicy], message: request([['Host', 'a'], ['Authorization', 'Bearer async-denied']]) },
            pauseStep(900)
          ]
        }
      ]);
      const step = results[0].steps[0];
      expect(step.exception).toBeNull();
      expect(step.success).not.toBe(false);
      // ASE denied the token, but detect-only mode never enforces; the send ran on the policy's thread.
      expect(slow.calls.map((c) => c.status)).toEqual([403]);
      const sends = results[0].steps.flatMap((s) => s.sends);
      expect(sends.map((s) => [s.thread, s.status])).toEqual([['pi-ase-sideband', 403]]);
    } finally {
      await slow.close();
    }
  });

  it('under the allow-list class shutter the policy still runs (no java.util needed)', async () => {
    const results = await run(
      [scenario('allowlist', (config) => [{ name: 'request', scripts: [config, bundles.piPolicy], message: request([['Host', 'api.example.com']]) }])],
      { classShutter: 'allowlist' }
    );
    expect(results[0].steps[0].success).not.toBe(false);
    expect(ase.calls).toHaveLength(1);
  });

  it('a node that refuses is skipped for retryAfter across calls (health kept in the JVM)', async () => {
    const tag = `h${++tagCount}`;
    const config = configScript({ aseToken: TOKEN, nodes: [akanaNode('primary', tag), akanaNode('secondary', tag)], retryAfterMs: 60000 });
    const steps = [1, 2, 3].map((i) => ({ name: `call ${i}`, exchange: `c${i}`, scripts: [config, bundles.piPolicy], message: request([['Host', 'a']]) }));
    const [result] = await run([
      {
        name: 'skip while down',
        routes: { [serviceName('primary', tag)]: { baseUrl: `http://127.0.0.1:${await refusedPort()}` }, [serviceName('secondary', tag)]: { baseUrl: ase.url } },
        steps
      }
    ]);
    expect(result.steps.map((s) => s.sends.length)).toEqual([2, 1, 1]);
    expect(ase.calls).toHaveLength(3);
  });

  it('config.js is validated once per JVM and config: a marker without secrets, named by its values, read on later messages', async () => {
    const tag = `h${++tagCount}`;
    const nodes = [akanaNode('primary', tag)];
    const config = configScript({ aseToken: TOKEN, nodes });
    const otherToken = configScript({ aseToken: 'another-sideband-token', nodes });
    const each = (action: string) =>
      `var names = java.lang.System.getProperties().stringPropertyNames().toArray();
       for (var i = 0; i < names.length; i++) { var n = String(names[i]); if (n.indexOf('pi.ase.config.') === 0) { ${action} } }`;
    const probe: ScriptRef = { name: 'probe.js', source: each("systemLog.warn(n + ' = ' + java.lang.System.getProperty(n));") };
    const forge: ScriptRef = { name: 'forge.js', source: each("java.lang.System.setProperty(n, 'line:CONFIG_INVALID: forged by the test');") };
    const message = request([['Host', 'api.example.com']]);
    const [result] = await run([
      {
        name: 'marker',
        routes: { [serviceName('primary', tag)]: { baseUrl: ase.url } },
        steps: [
          { name: 'first call', exchange: 'e1', scripts: [config, bundles.piPolicy], message },
          { name: 'probe', exchange: 'e2', scripts: [probe], message },
          { name: 'another token', exchange: 'e3', scripts: [otherToken, bundles.piPolicy], message },
          { name: 'forge', exchange: 'e4', scripts: [forge], message },
          { name: 'first config again', exchange: 'e5', scripts: [config, bundles.piPolicy], message }
        ]
      }
    ]);
    const [first, probed, other, , again] = result.steps;
    expect(first.sends).toHaveLength(1);
    const markers = probed.logs.map((l) => l.text ?? '');
    expect(markers).toHaveLength(1);
    expect(markers[0]).toMatch(/^pi\.ase\.config\.[0-9a-f-]{36} = config:\{/);
    expect(markers[0]).not.toContain(TOKEN);
    // Another value is another marker: the new token was validated and is the one sent.
    expect(other.sends).toHaveLength(1);
    expect(other.sends[0].requestHeaders).toContainEqual(['ASE-Token', 'another-sideband-token']);
    expect(logText(other)).toContain('ASE_STATUS_401');
    // The first config's marker, forged, is what the policy goes by: its validation is not redone.
    expect(again.sends).toEqual([]);
    expect(logText(again)).toContain('CONFIG_INVALID: forged by the test');
  });

  it('a response phase finishes the exchange with the config its request phase carried, and no secret is carried', async () => {
    const tag = `h${++tagCount}`;
    const config = configScript({ aseToken: TOKEN, nodes: [akanaNode('primary', tag)] });
    // What config.js says by the time the backend answers: another node (refused) and another token.
    const changed = configScript({ aseToken: 'token-after-redeploy', nodes: [akanaNode('elsewhere', tag)] });
    const salted = configScript({ aseToken: TOKEN, nodes: [akanaNode('primary', tag)], hashSecrets: true, hashSalt: 'salt-0123456789abcdef-0123456789' });
    const message = request([['Host', 'api.example.com']]);
    const answer = { headers: [['Content-Type', 'application/json']] as Array<[string, string]>, properties: { 'http.status.code.property': 200 } };
    const [result] = await run([
      {
        name: 'carried',
        routes: { [serviceName('primary', tag)]: { baseUrl: ase.url }, [serviceName('elsewhere', tag)]: { baseUrl: `http://127.0.0.1:${await refusedPort()}` } },
        steps: [
          // The first message of a config validates it (no marker yet, nothing carried).
          { name: 'first', exchange: 'e1', scripts: [config, bundles.piPolicy], message },
          { name: 'request', exchange: 'e2', scripts: [config, bundles.piPolicy], message },
          { name: 'response', exchange: 'e2', parameterType: 1, scripts: [changed, bundles.piPolicy], message: answer },
          { name: 'salted first', exchange: 'e3', scripts: [salted, bundles.piPolicy], message },
          { name: 'salted request', exchange: 'e4', scripts: [salted, bundles.piPolicy], message }
        ]
      }
    ]);
    const [first, req, res, , saltedRequest] = result.steps;
    expect(first.exchangeProperties['pi.ase.carried.config'] ?? null).toBeNull();
    const carried = String(req.exchangeProperties['pi.ase.carried.config'] ?? '');
    expect(carried).not.toBe('');
    expect(carried).not.toContain(TOKEN);
    // The response went to the request's node; only the secret is read from config.js as it is now.
    expect(res.sends.map((s) => s.service)).toEqual([serviceName('primary', tag)]);
    expect(res.sends[0].requestHeaders).toContainEqual(['ASE-Token', 'token-after-redeploy']);
    expect(res.sends[0].url).toMatch(/\/ase\/response$/);
    // A salt lives in pi_options: nothing is carried, and the response would check config.js itself.
    expect(saltedRequest.sends).toHaveLength(1);
    expect(saltedRequest.exchangeProperties['pi.ase.carried.config'] ?? null).toBeNull();
  });
});
