// The shared sideband scenarios through the Akana adapter SOURCE in Node, over in-process fakes of Akana's objects (Node, vitest).
//
// The fast leg of test/engine/akana-scenarios.test.ts: same scenario table, same presentation
// (emulators/akana/presentation.ts), same assertions, but no bundle, no Rhino and no sockets. In
// Node there is no `java`, so async mode's background run is inline and health is per call.
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { loadAkanaConfig, runPiPolicy, type AkanaConfigGlobals } from '../../policies/hosts/akana';
import { CONFIG_DEFAULTS, DEFAULT_PROPERTY_NAMES } from '../../policies/core/config-types';
import { akanaNode, configScript, presentRequest } from '../../emulators/akana';
import { makeCall } from '../core/fixtures';
import { SIDEBAND_SCENARIOS, type SidebandScenario } from '../scenarios/sideband-scenarios';
import { expectAkanaOutcome } from '../scenarios/akana-expectations';
import { FakeExchange, FakeLogger, FakeMessage, FakeMessageContext, FakeMessengerService, FakeResult } from './akana-fakes';

/** config.js's variables, as Akana's scope would hold them after evaluating the rendered file. */
function configGlobals(shared: SidebandScenario, tag: string): AkanaConfigGlobals {
  const script = configScript({
    aseToken: shared.ase.token ?? '',
    ...shared.config,
    nodes: shared.ase.nodes.map((n) => akanaNode(n.name, tag))
  });
  if (typeof script === 'string') throw new Error('configScript gave a path, not an inline config.js');
  const scope: Record<string, unknown> = {};
  runInNewContext(script.source, scope);
  // Through JSON so arrays belong to this realm (the adapter's checks use instanceof Array).
  return JSON.parse(JSON.stringify(scope)) as AkanaConfigGlobals;
}

interface StepRun {
  result: FakeResult;
  log: FakeLogger;
}

/** Request step, then (after an allowed request with a response) the response step on the same exchange. */
function runScenario(shared: SidebandScenario, tag: string) {
  const globals = configGlobals(shared, tag);
  const loaded = loadAkanaConfig(globals);
  if (!loaded.ok) throw new Error(loaded.line);
  const msgrService = new FakeMessengerService(
    shared.ase.nodes.map((n) => ({ node: akanaNode(n.name, tag), behaviour: n.behaviour })),
    { deny: shared.ase.deny, token: shared.ase.token, attemptTimeoutMs: Number(shared.config?.attemptTimeoutMs ?? CONFIG_DEFAULTS.attemptTimeoutMs) }
  );
  const exchange = new FakeExchange();
  const step = (parameterType: number, message: FakeMessage): StepRun => {
    const result = new FakeResult();
    const log = new FakeLogger();
    const messageContext = new FakeMessageContext(parameterType, message, exchange);
    runPiPolicy({ messageContext, result, systemLog: log, auditLog: null, msgrService }, globals);
    return { result, log };
  };
  const call = makeCall(shared.call);
  const request = step(0, FakeMessage.from(presentRequest(call)));
  // The response leaves the backend before the policy could have seen a block: only after an allow.
  const response = call.response && !request.result.calls.includes(false)
    ? step(1, FakeMessage.from({
      headers: call.response.headers.map((h) => [h.name, h.value] as [string, string]),
      properties: { [DEFAULT_PROPERTY_NAMES.statusCode]: call.response.status }
    }))
    : undefined;
  return { exchange, request, response, sends: msgrService.sends };
}

describe('shared scenarios through the Akana adapter source in Node (fast leg)', () => {
  it.each(SIDEBAND_SCENARIOS.map((s, i) => [s.name, s, i] as [string, SidebandScenario, number]))('%s', (_name, shared, i) => {
    const { exchange, request, response, sends } = runScenario(shared, `s${i}`);
    const out = exchange.getOutMessage();
    expectAkanaOutcome(shared, {
      blocked: request.result.calls.includes(false),
      out: out ? { status: Number(out.getProperty(DEFAULT_PROPERTY_NAMES.statusCode)), content: out.getContentAsString() ?? '' } : null,
      node: String(exchange.getProperty('pi.ase.node') ?? ''),
      correlationId: String(exchange.getProperty('pi.ase.correlation.id') ?? ''),
      requestLog: request.log.text(),
      responseLog: response?.log.text() ?? '',
      sends
    });
  });
});
