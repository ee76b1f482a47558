// The shared sideband scenarios through the built Akana bundles in real Rhino, over real loopback HTTP (Node, vitest).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIDEBAND_SCENARIOS, type SidebandScenario } from '../scenarios/sideband-scenarios';
import { expectAkanaOutcome } from '../scenarios/akana-expectations';
import { akanaLeg, buildAkanaBundles, closeAll, type AkanaLeg } from './akana-leg';
import { rhinoAvailable, runScenarios, type ScenarioResult, type StepResult } from '../../emulators/akana';
import { receivedCalls } from '../scenarios/scenario-nodes';

const engine = rhinoAvailable();


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
    expectAkanaOutcome(shared, {
      blocked: request.success === false,
      out: request.out ? { status: Number(request.out.statusCode), content: request.out.content ?? '' } : null,
      node: String(request.exchangeProperties['pi.ase.node'] ?? ''),
      correlationId: String(request.exchangeProperties['pi.ase.correlation.id'] ?? ''),
      requestLog: logText(request),
      responseLog: response ? logText(response) : '',
      sends: receivedCalls(leg.standins)
    });
  });
});
