// The assertions of one shared scenario on the Apigee host: what the client got from the shared flow, the flow variables, what ASE received (Node, tests).
import { expect } from 'vitest';
import type { CallResult } from '../../emulators/apigee';
import { FLOW_VARIABLES } from '../../policies/hosts/apigee';
import { expectAseReceived, type ReceivedSend } from './ase-expectations';
import type { SidebandScenario } from './sideband-scenarios';

function printed(flow: CallResult['request']): string {
  return flow ? flow.prints.join('\n') : '';
}

export function expectApigeeOutcome(shared: SidebandScenario, call: CallResult, sends: ReceivedSend[]): void {
  const want = shared.expect;
  const request = call.request!;
  // No policy of the shared flow failed (the script has continueOnError: a throw would hide here).
  for (const flow of [call.request, call.response]) for (const step of flow?.steps ?? []) expect(step.error ?? null).toBeNull();
  const vars = request.variables;
  const correlationId = String(vars[FLOW_VARIABLES.correlationId] ?? '');
  if (want.verdict === 'block') {
    expect(call.client.status).toBe(want.clientStatus);
    expect(call.client.fault).toBe(want.clientStatus === 503 ? 'RF-PiUnavailable' : 'RF-PiBlocked');
    expect(call.client.contentType).toBe('application/json; charset=utf-8');
    const body = JSON.parse(call.client.body ?? '{}');
    expect(body.error).toBe(want.clientStatus === 503 ? 'service_unavailable' : 'forbidden');
    expect(body.correlation_id).toBe(correlationId);
    expect(call.backendCalled).toBe(false);
    expect(call.response).toBeUndefined();
  } else {
    expect(call.client.fault).toBeNull();
    expect(call.backendCalled).toBe(true);
    expect(vars[FLOW_VARIABLES.blocked] ?? null).toBeNull();
  }
  const requestLog = printed(call.request);
  const responseLog = printed(call.response);
  expect(requestLog).toContain(want.code);
  expect(vars[FLOW_VARIABLES.requestCode]).toBe(want.code);
  for (const text of want.logContains ?? []) expect(requestLog).toContain(text);
  expect(String(vars[FLOW_VARIABLES.node] ?? '')).toBe(want.node);
  if (want.responseCode) {
    expect(responseLog).toContain(want.responseCode);
    expect(call.response?.variables[FLOW_VARIABLES.responseCode]).toBe(want.responseCode);
  }
  // The token reached the script only through the KVM step's private variable, and no log line.
  if (shared.ase.token) expect(requestLog + responseLog + String(vars[FLOW_VARIABLES.log] ?? '')).not.toContain(shared.ase.token);
  if (shared.config?.asyncMode === true) {
    // The flows' own send records give the policy's order, which the wire's arrival order may not.
    const sentBy = (flow: CallResult['request']) => (flow?.sends ?? []).map((send) => new URL(send.url).pathname);
    expect(sentBy(call.request)).toEqual(['/ase/request']);
    if (shared.call.response) expect(sentBy(call.response)).toEqual(['/ase/response']);
  }
  expectAseReceived(shared, sends, correlationId, requestLog + responseLog + String(call.response?.variables[FLOW_VARIABLES.log] ?? ''));
}
