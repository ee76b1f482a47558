// The shared sideband scenarios through the built Akana bundles in real Rhino, over real loopback HTTP (Node, vitest).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIDEBAND_SCENARIOS, type SidebandScenario } from '../scenarios/sideband-scenarios';
import { akanaLeg, buildAkanaBundles, closeAll, type AkanaLeg } from './akana-leg';
import { rhinoAvailable, runScenarios, type ScenarioResult, type StepResult } from '../../build/engine/rhino-harness';
import type { RecordedCall } from '../../build/ase-standin';

const engine = rhinoAvailable();

/** Every call the scenario's stand-ins received, in arrival order, with the receiving node's name. */
function receivedCalls(leg: AkanaLeg): Array<RecordedCall & { node: string }> {
  const calls = [...leg.standins.entries()].flatMap(([node, s]) => s.calls.map((c) => ({ ...c, node })));
  return calls.sort((a, b) => a.receivedAt - b.receivedAt);
}

function logText(step: StepResult): string {
  return step.logs.map((l) => `${l.level} ${l.text}`).join('\n');
}

describe.skipIf(!engine.ok)(`shared scenarios in Rhino with the Akana bundle (${engine.reason})`, () => {
  const legs: AkanaLeg[] = [];
  const results = new Map<string, ScenarioResult>();

  beforeAll(async () => {
    const bundles = await buildAkanaBundles();
    for (const [i, scenario] of SIDEBAND_SCENARIOS.entries()) legs.push(await akanaLeg(scenario, bundles, `s${i}`));
    const ran = await runScenarios(legs.map((leg) => leg.scenario));
    for (const result of ran) results.set(result.name, result);
  }, 120000);

  afterAll(() => closeAll(legs));

  it.each(SIDEBAND_SCENARIOS.map((s) => [s.name, s] as [string, SidebandScenario]))('%s', (name, shared) => {
    const leg = legs.find((l) => l.scenario.name === name)!;
    const result = results.get(name)!;
    expect(result.error).toBeNull();
    const [request, response] = result.steps;
    for (const step of result.steps) expect(step.exception).toBeNull();

    // The decision as the gateway sees it.
    if (shared.expect.verdict === 'block') {
      expect(request.success).toBe(false);
      expect(Number(request.out?.statusCode)).toBe(shared.expect.clientStatus);
      expect(JSON.parse(request.out?.content ?? '{}').correlation_id).toBe(request.exchangeProperties['pi.ase.correlation.id']);
    } else {
      expect(request.success).not.toBe(false);
      expect(request.out).toBeNull();
    }
    expect(logText(request)).toContain(shared.expect.code === 'ASE_ASYNC' ? 'ASE_' : shared.expect.code);
    expect(request.exchangeProperties['pi.ase.node'] ?? '').toBe(shared.config?.asyncMode ? '' : shared.expect.node);
    if (shared.expect.responseCode && shared.expect.responseCode !== 'ASE_ASYNC') expect(logText(response)).toContain(shared.expect.responseCode);

    // What ASE received.
    const calls = receivedCalls(leg);
    expect(calls.map((c) => ({ node: c.node, path: c.path }))).toEqual(shared.expect.aseCalls);
    const requestCall = calls.find((c) => c.path === '/ase/request');
    for (const header of shared.expect.sentHeaders ?? []) {
      expect((requestCall?.body as { headers: unknown[] }).headers).toContainEqual(header);
    }
    for (const secret of shared.expect.secretsAbsent ?? []) {
      for (const c of calls) {
        expect(c.rawBody).not.toContain(secret);
        expect(JSON.stringify(c.headers)).not.toContain(secret);
      }
      for (const step of result.steps) expect(logText(step)).not.toContain(secret);
    }
    if (shared.expect.sameCorrelationId) {
      const ids = new Set(calls.map((c) => c.headers['x-correlationid']));
      expect(ids.size).toBe(1);
      expect([...ids][0]).toBe(request.exchangeProperties['pi.ase.correlation.id']);
      expect([...ids][0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    for (const c of calls) expect(c.reason).not.toMatch(/^invalid body/);
  });
});
