// The request and response phases of the Apigee script around the core's phase steps: reads, httpClient, flow variables (ES5 engine: Rhino).

import type { PolicyConfig } from '../../core/config-types';
import type { HealthStore, PolicyLogger, SidebandMessage } from '../../core/host';
import { Codes } from '../../core/errors';
import { logDecision } from '../../core/decision-log';
import { beginRequest, beginResponse, clientAnswer } from '../../core/phases';
import { runSidebandSync } from '../../core/sideband-sync';
import { loopDidNotEnd, passDecision, startSideband, stepLimit, type Decision, type SidebandPhase } from '../../core/sideband';
import { readIdentity, readRequest, readResponse, type IdentityVariables } from './read';
import { httpClientTransport, sendWithoutWaiting } from './transport';
import { APIGEE_CLOCK, APIGEE_RANDOMNESS } from './services';
import { FLOW_VARIABLES } from './variables';
import { setVariable, variable } from './values';

/** What a phase needs from the script's scope. */
export interface PhaseHost {
  context: any;
  httpClient: any;
  Request: any;
  health: HealthStore;
  log: PolicyLogger;
}

/**
 * Detect-only: the message goes to the first node the machine offers, without waiting (Apigee then
 * bounds the script by the policy's timeLimit, not by ASE). Only a send that throws moves on to
 * the next node; ASE's answer is never read.
 */
function sendAsync(phase: SidebandPhase, config: PolicyConfig, message: SidebandMessage, preferredNode: string, host: PhaseHost): Decision {
  var run = startSideband(phase, config, host.health, APIGEE_CLOCK.now(), preferredNode);
  var steps = 0;
  while (steps <= stepLimit(config)) {
    steps++;
    var step = run.next(APIGEE_CLOCK.now());
    if (step.kind === 'done') return step.decision;
    var failure = sendWithoutWaiting(host.httpClient, host.Request, step.node, message);
    if (failure === null) {
      return passDecision(Codes.ASYNC, { level: 'debug', message: Codes.ASYNC + ': ' + message.path + ' sent to ASE node ' + step.node.name + ' without waiting (asyncMode)' });
    }
    run.report(failure, APIGEE_CLOCK.now());
  }
  return loopDidNotEnd(steps);
}

function sendPhase(phase: SidebandPhase, config: PolicyConfig, message: SidebandMessage, correlationId: string, preferredNode: string, host: PhaseHost): Decision {
  var decision = config.asyncMode
    ? sendAsync(phase, config, message, preferredNode, host)
    : runSidebandSync(phase, message, config, host.health, APIGEE_CLOCK.now, httpClientTransport(host.httpClient, host.Request), preferredNode);
  logDecision(host.log, decision, correlationId);
  return decision;
}

/** Leaves the answer for the RaiseFault steps: pi.ase.client_body, then pi.ase.blocked ("403" or "503"). */
function answerBlocked(context: any, decision: Decision, correlationId: string, log: PolicyLogger): void {
  var answer = clientAnswer(decision, correlationId);
  if (!setVariable(context, FLOW_VARIABLES.clientBody, answer.body) || !setVariable(context, FLOW_VARIABLES.blocked, String(answer.status))) {
    log.error(Codes.HOST_READ + ': context.setVariable failed; the call could not be blocked and goes on');
  }
}

export function requestPhase(config: PolicyConfig, identity: IdentityVariables, host: PhaseHost): void {
  var context = host.context;
  // A shared flow on two request hooks (or a FlowCallout besides a hook) must not check one call twice.
  var earlier = variable(context, FLOW_VARIABLES.correlationId);
  if (earlier) {
    host.log.debug('pi-sideband: /ase/request already sent for this call (the shared flow runs twice in its request flow); not sent again [X-CorrelationID ' + earlier + ']');
    return;
  }
  var call = { correlationId: '', request: readRequest(context), identity: readIdentity(context, identity) };
  var started = beginRequest(call, config, APIGEE_RANDOMNESS, 'client.ip');
  if (!started.message) {
    logDecision(host.log, started.skipped, started.correlationId);
    setVariable(context, FLOW_VARIABLES.requestCode, started.skipped.code);
    return;
  }
  setVariable(context, FLOW_VARIABLES.correlationId, started.correlationId);
  var decision = sendPhase('request', config, started.message, started.correlationId, '', host);
  setVariable(context, FLOW_VARIABLES.requestCode, decision.code);
  if (decision.node) setVariable(context, FLOW_VARIABLES.node, decision.node);
  if (decision.verdict === 'block') answerBlocked(context, decision, started.correlationId, host.log);
}

export function responsePhase(config: PolicyConfig, host: PhaseHost): void {
  var context = host.context;
  // A stopped call has no backend answer to report (ASE pairs nothing with a blocked request).
  if (variable(context, FLOW_VARIABLES.blocked)) return;
  var correlationId = variable(context, FLOW_VARIABLES.correlationId);
  var started = beginResponse(readResponse(context), correlationId, config, FLOW_VARIABLES.correlationId);
  if (!started.message) {
    logDecision(host.log, started.skipped, '');
    setVariable(context, FLOW_VARIABLES.responseCode, started.skipped.code);
    return;
  }
  var decision = sendPhase('response', config, started.message, correlationId, variable(context, FLOW_VARIABLES.node), host);
  setVariable(context, FLOW_VARIABLES.responseCode, decision.code);
}
