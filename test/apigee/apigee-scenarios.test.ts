// The shared sideband scenarios through the built Apigee shared flow in real Rhino, with the fake of Apigee's object model, over real loopback HTTP (Node, vitest).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIDEBAND_SCENARIOS, type SidebandScenario } from '../scenarios/sideband-scenarios';
import { expectApigeeOutcome } from '../scenarios/apigee-expectations';
import { receivedCalls } from '../scenarios/scenario-nodes';
import { rhinoAvailable, runApigeeScenarios, type ApigeeScenarioResult } from '../../emulators/apigee';
import { apigeeLeg, buildLegBundle, closeLegs, type ApigeeLeg } from './apigee-leg';

const engine = rhinoAvailable();

describe.skipIf(!engine.ok)(`shared scenarios in Rhino with the Apigee shared flow (${engine.reason})`, () => {
  const legs: ApigeeLeg[] = [];
  const results = new Map<string, ApigeeScenarioResult>();

  beforeAll(async () => {
    const bundle = await buildLegBundle();
    for (const scenario of SIDEBAND_SCENARIOS) legs.push(await apigeeLeg(scenario, bundle));
    const doc = await runApigeeScenarios(legs.map((leg) => leg.scenario));
    expect(doc.engine.profile).toBe('apigee-1.7.13');
    for (const result of doc.scenarios) results.set(result.name, result);
  }, 180000);

  afterAll(() => closeLegs(legs));

  it.each(SIDEBAND_SCENARIOS.map((s) => [s.name, s] as [string, SidebandScenario]))('%s', (name, shared) => {
    const leg = legs.find((l) => l.scenario.name === name)!;
    const result = results.get(name)!;
    expect(result.error).toBeNull();
    expectApigeeOutcome(shared, result.calls[0], receivedCalls(leg.standins));
  });
});
