// Writes a sideband decision to a host's logger, one line tagged with the call's correlation id (ES5 engine and Node).

import type { PolicyLogger } from './host';
import type { Decision } from './sideband';

export function logDecision(log: PolicyLogger, decision: Decision, correlationId: string): void {
  // No tag before an id exists (a call that failed before one was drawn, a response without one).
  var tag = correlationId ? ' [X-CorrelationID ' + correlationId + ']' : '';
  var line = decision.log;
  if (line) log[line.level](line.message + tag);
  else log.debug(decision.code + ': ' + decision.node + ' answered ' + decision.aseStatus + tag);
}
