// The fault matrix on the Akana host: the built pi_policy.js in Rhino with the Java fake, every fault it can express x sync/failClosed/async (Node, vitest).
//
// All cases run in one JVM (one PolicyRunner run), each with its own ASE services, so node health
// never crosses cases. Akana's container owns the socket timeouts: the route's connect and read
// timeouts play the attempt timeout's part, and it reads ASE's answer itself (a stalled body is its
// read timeout, a huge one is read whole before the script sees the status).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { akanaNode, configScript, rhinoAvailable, runScenarios, serviceName, type RouteConfig, type Scenario, type StepResult } from '../../emulators/akana';
import { Codes } from '../../policies/core/errors';
import { buildAkanaBundles, refusedPort } from '../engine/akana-leg';
import { ALL_LINES, FAULT_CASES, MODES, SECRETS, SECRET_HEADERS, TIMEOUTS, boundMs, expectCleanLine, expectOneLine, type AkanaSetup, type FaultCase, type LoggedLine, type Mode } from './fault-matrix';
import { FarEnds, hasKeytool, hasOpenssl, jvmTrustStoreArgs } from './fault-servers';
import { awaitWorkerIdle } from './akana-steps';

const engine = rhinoAvailable();
const tlsReady = hasOpenssl() && hasKeytool();
const ends = new FarEnds();

const PREFIX = 'PingIntelligence: ';

interface Placed {
  fault: FaultCase;
  mode: Mode;
  tag: string;
}

/** The route's base URL that produces the fault. */
async function baseUrl(setup: AkanaSetup): Promise<string> {
  if ('standin' in setup) return (await ends.standin('primary', setup.standin)).url;
  if (setup.special === 'refused') return `http://127.0.0.1:${await refusedPort()}`;
  if (setup.special === 'tls-to-plain') return (await ends.standin('primary')).url.replace('http:', 'https:');
  // The JVM trusts the test CA (trust store below), not a certificate that signed itself.
  return (await ends.standin('primary', {}, 'self-signed')).url;
}

const needsTls = (setup: AkanaSetup) => 'special' in setup && setup.special !== 'refused';

function linesOf(step: StepResult): LoggedLine[] {
  return step.logs.map((line) => ({ level: line.level, text: (line.text ?? '').replace(PREFIX, '') }));
}

describe.skipIf(!engine.ok)(`fault matrix, Akana host in Rhino (${engine.reason})`, () => {
  const placed: Placed[] = [];
  const steps = new Map<string, StepResult>();

  beforeAll(async () => {
    const bundles = await buildAkanaBundles();
    const routes: Record<string, RouteConfig> = {};
    const byMode: Record<Mode, Scenario['steps']> = { sync: [], failClosed: [], async: [] };
    let count = 0;
    for (const fault of FAULT_CASES) {
      const setup = fault.akana;
      if (setup === null || (needsTls(setup) && !tlsReady)) continue;
      for (const mode of MODES) {
        const tag = `f${++count}`;
        const t = TIMEOUTS[fault.patience];
        routes[serviceName('primary', tag)] = { baseUrl: await baseUrl(setup), connectTimeoutMs: t.connectTimeoutMs, readTimeoutMs: t.attemptTimeoutMs };
        const config = configScript({ aseToken: SECRETS.token, nodes: [akanaNode('primary', tag)], ...t, failClosed: mode === 'failClosed', asyncMode: mode === 'async' });
        byMode[mode].push({
          name: tag,
          exchange: tag,
          scripts: [config, bundles.piPolicy],
          message: {
            headers: SECRET_HEADERS,
            properties: { 'http.method': 'GET', 'http.requested.url': 'https://api.example.com/shop/items', 'http.client.url': 'http://203.0.113.7:51544/' }
          }
        });
        placed.push({ fault, mode, tag });
      }
    }
    // Async: every call queued on the JVM's one worker, then wait for it to drain.
    byMode.async.push(awaitWorkerIdle(30000));
    const scenarios: Scenario[] = MODES.map((mode) => ({ name: mode, routes, steps: byMode[mode] }));
    const results = await runScenarios(scenarios, { javaArgs: tlsReady ? jvmTrustStoreArgs(ends.pki.ca) : [], timeoutMs: 120000 });
    for (const result of results) for (const step of result.steps) steps.set(step.name, step);
  }, 180000);

  afterAll(() => ends.closeAll());

  for (const fault of FAULT_CASES) {
    const setup = fault.akana;
    if (setup === null) continue;
    for (const mode of MODES) {
      const outcome = fault.outcome.akana[mode];
      it.skipIf(needsTls(setup) && !tlsReady)(`${fault.name}, ${mode}: ${outcome.verdict} ${outcome.code}`, () => {
        const tag = placed.find((p) => p.fault === fault && p.mode === mode)?.tag ?? '';
        const step = steps.get(tag);
        expect(step, `step ${tag}`).toBeDefined();
        if (!step) return;
        expect(step.exception).toBeNull();
        expect(step.micros / 1000).toBeLessThan(boundMs(fault, outcome, mode));
        if (mode !== 'async' && outcome.verdict === 'block') {
          expect(step.success).toBe(false);
          expect(Number(step.out?.statusCode)).toBe(503);
        } else {
          expect(step.success).not.toBe(false);
        }
        const lines = linesOf(step);
        ALL_LINES.push(...lines);
        // The call itself logs nothing in async mode: the one line is the background decision's.
        if (mode === 'async') expect(lines.some((line) => line.text.startsWith(Codes.ASYNC))).toBe(false);
        expectOneLine(lines, outcome);
      });
    }
  }

  it('every line of the Akana leg is one line without a secret', () => {
    const all = [...steps.values()].flatMap(linesOf);
    expect(all.length).toBeGreaterThan(placed.length / 2);
    for (const line of all) expectCleanLine(line);
  });
});

describe.skipIf(!engine.ok)('async mode where the class shutter hides java.util.concurrent (allow list)', () => {
  afterAll(() => ends.closeAll());

  it('runs the sideband call inline, says so once per JVM, and never throws', async () => {
    const bundles = await buildAkanaBundles();
    const ase = await ends.standin('primary');
    const tag = 'allowlist';
    const config = configScript({ aseToken: SECRETS.token, nodes: [akanaNode('primary', tag)], asyncMode: true });
    const message = { headers: SECRET_HEADERS, properties: { 'http.method': 'GET', 'http.requested.url': 'https://api.example.com/a', 'http.client.url': 'http://203.0.113.7:5/' } };
    const [result] = await runScenarios(
      [{ name: 'allow list', routes: { [serviceName('primary', tag)]: { baseUrl: ase.url } }, steps: [1, 2].map((i) => ({ name: `call ${i}`, exchange: `c${i}`, scripts: [config, bundles.piPolicy], message })) }],
      { classShutter: 'allowlist' }
    );
    for (const step of result.steps) {
      expect(step.exception).toBeNull();
      expect(step.success).not.toBe(false);
      // Sent on the policy's own thread, within the step.
      expect(step.sends.map((send) => [send.thread, send.status])).toEqual([['main', 200]]);
    }
    const lines = result.steps.flatMap(linesOf);
    const loud = lines.filter((line) => line.level !== 'debug');
    expect(loud).toHaveLength(1);
    expect(loud[0].text).toMatch(/^ASE_ASYNC: asyncMode cannot queue sideband calls on a background thread here .* they run inline/);
    for (const line of lines) expectCleanLine(line);
  }, 120000);
});
