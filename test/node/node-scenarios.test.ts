// The shared sideband scenarios through the Node host, with ASE mocked by the test kit over nock (Node).
import { afterEach, describe, expect, it } from 'vitest';
import { createAsePolicy, type PolicyDecision } from '../../node/index';
import { mockAse, type MockAse } from '../../node/test-kit';
import { makeCall } from '../core/fixtures';
import { SIDEBAND_SCENARIOS, type SidebandScenario } from '../scenarios/sideband-scenarios';
import { recordingLogger } from './recording-logger';

const urlOf = (name: string) => `http://ase-${name}.test:8000`;

let mock: MockAse | undefined;
afterEach(() => {
  mock?.restore();
  mock = undefined;
});

function mockFor(scenario: SidebandScenario): MockAse {
  const nodes = scenario.ase.nodes;
  const status: Record<string, number> = {};
  const delayMs: Record<string, number> = {};
  for (const node of nodes) {
    if (node.behaviour.kind === 'status') status[urlOf(node.name)] = node.behaviour.status;
    if (node.behaviour.kind === 'slow') delayMs[urlOf(node.name)] = node.behaviour.delayMs;
  }
  return mockAse({
    nodes: nodes.map((node) => urlOf(node.name)),
    down: nodes.filter((node) => node.behaviour.kind === 'down').map((node) => urlOf(node.name)),
    status,
    delayMs,
    deny: scenario.ase.deny,
    token: scenario.ase.token,
    expect: [...new Set(scenario.expect.aseCalls.map((call) => call.path))]
  });
}

describe('sideband scenarios through the Node host (nock)', () => {
  for (const scenario of SIDEBAND_SCENARIOS) {
    it(scenario.name, async () => {
      mock = mockFor(scenario);
      const log = recordingLogger();
      const policy = createAsePolicy({
        config: {
          aseToken: scenario.ase.token ?? '',
          nodes: scenario.ase.nodes.map((node) => ({ name: node.name, url: urlOf(node.name) })),
          ...scenario.config
        },
        logger: log
      });
      let decision: PolicyDecision;
      let responseDecision: PolicyDecision | undefined;
      try {
        // An empty correlation id: the policy draws one, as the middleware relies on.
        decision = await policy.checkRequest(makeCall({ ...scenario.call, correlationId: '' }));
        if (scenario.call.response && decision.verdict === 'allow') {
          responseDecision = await policy.reportResponse(decision.correlationId, scenario.call.response, decision.node);
        }
      } finally {
        await policy.close(); // waits for async-mode background calls
      }

      const want = scenario.expect;
      expect({ verdict: decision.verdict, code: decision.code, clientStatus: decision.clientStatus, node: decision.node })
        .toEqual({ verdict: want.verdict, code: want.code, clientStatus: want.clientStatus, node: want.node });
      expect(decision.correlationId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const byUrl = new Map(scenario.ase.nodes.map((node) => [urlOf(node.name), node.name]));
      expect(mock.calls.map((call) => ({ node: byUrl.get(call.node), path: call.path }))).toEqual(want.aseCalls);
      if (want.responseCode !== undefined) expect(responseDecision?.code).toBe(want.responseCode);
      mock.assertDone();

      if (want.sentHeaders) {
        const request = mock.calls.find((call) => call.path === '/ase/request');
        const sent = (request?.body as { headers: Array<Record<string, string>> }).headers;
        for (const entry of want.sentHeaders) expect(sent).toContainEqual(entry);
      }
      for (const name of want.headersAbsent ?? []) {
        for (const call of mock.calls) {
          const names = (call.body as { headers: Array<Record<string, string>> }).headers.map((entry) => Object.keys(entry)[0]);
          expect(names, call.path).not.toContain(name);
        }
      }
      for (const secret of want.secretsAbsent ?? []) {
        expect(JSON.stringify(mock.calls.map((call) => [call.headers, call.body]))).not.toContain(secret);
        expect(JSON.stringify(log.lines)).not.toContain(secret);
      }
      if (want.sameCorrelationId) {
        expect(mock.calls.length).toBeGreaterThan(1);
        for (const call of mock.calls) expect(call.headers['x-correlationid']).toBe(decision.correlationId);
      }
      for (const text of want.logContains ?? []) expect(decision.log?.message).toContain(text);
      // Every warn/error line names the transaction it belongs to.
      for (const line of log.lines.filter((each) => each.level !== 'debug')) {
        expect(line.message).toContain(`[X-CorrelationID ${decision.correlationId}]`);
      }
    });
  }
});
