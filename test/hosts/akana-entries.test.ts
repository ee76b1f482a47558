// The Akana entries under the core's entry guard (Node, vitest): a throw inside pi_policy or retain-header is one POLICY_INTERNAL line.
import { describe, expect, it } from 'vitest';
import { runPiPolicy, runRetainHeader, type AkanaBindings } from '../../policies/hosts/akana';
import { FakeLogger } from './akana-fakes';

function bindings(systemLog: FakeLogger, messageContext: unknown): AkanaBindings {
  return { messageContext, result: null, auditLog: null, systemLog, msgrService: null };
}

describe('Akana entries', () => {
  it('pi_policy: a throw inside the run is logged once as POLICY_INTERNAL and never reaches the gateway', () => {
    const log = new FakeLogger();
    // A valid config.js, and a msgrService binding that throws when read: the run fails inside, past the config load's own guards.
    const context = { getParameterType: () => 0, getMessage: () => ({}), getExchange: () => ({ getProperty: () => null }) };
    const hostile = bindings(log, context);
    Object.defineProperty(hostile, 'msgrService', { get: () => { throw new TypeError('msgrService gone'); } });
    expect(() => runPiPolicy(hostile, { ase_token: 'tok', primary_ase_service: '{ns}primary', primary_ase_interface: '{ns}primaryPort', primary_ase_request_operation: 'postRequestMetadata', primary_ase_response_operation: 'postResponseMetadata' })).not.toThrow();
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0].level).toBe('error');
    expect(log.lines[0].text).toBe('PingIntelligence: POLICY_INTERNAL: pi_policy failed (TypeError: msgrService gone); call forwarded');
  });

  it('retain-header: a throw inside the run is logged once as POLICY_INTERNAL', () => {
    const log = new FakeLogger();
    const hostile = {} as AkanaBindings;
    Object.defineProperty(hostile, 'systemLog', { value: log });
    Object.defineProperty(hostile, 'messageContext', { get: () => { throw new Error('context gone'); } });
    expect(() => runRetainHeader(hostile)).not.toThrow();
    expect(log.lines).toEqual([{ level: 'error', text: 'PingIntelligence: POLICY_INTERNAL: retain-header failed (Error: context gone); call forwarded' }]);
  });
});
