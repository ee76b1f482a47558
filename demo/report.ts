// The start demo's report: one table row per call, a summary, and the checks that make the demo fail honestly (Node).
import type { RecordedCall } from '../standin';
import type { CallOutcome, HostRun, PhaseOutcome } from './outcome';
import { textTable, type Column } from './text-table';
import type { DemoStep, NodeName } from './traffic';

export interface DemoSummary {
  calls: number;
  forwarded: number;
  blocked: number;
  /** Calls whose /ase/request failed on one node and was answered by another. */
  failovers: number;
  /** Calls where the policy skipped a node it had marked down. */
  skippedDown: number;
  /** Request-phase policy time, ms (nearest-rank median) and maximum, with the call that took it. */
  p50Ms: number;
  maxMs: number;
  maxCall: number;
  /** Request-phase time inside the sends to ASE (p50, ms), when the host reports it. */
  p50SendMs?: number;
  /** What the stand-ins received. */
  aseRequests: number;
  aseResponses: number;
  perNode: Record<NodeName, { requests: number; responses: number }>;
  /** /ase/response calls whose X-CorrelationID matches an /ase/request call. */
  paired: number;
  tokenAccepted: number;
  validBodies: number;
}

const COLUMNS: Column[] = [
  { header: '#', right: true },
  { header: 'call' },
  { header: 'client' },
  { header: 'decision' },
  { header: 'ASE node' },
  { header: 'ASE req/resp', right: true },
  { header: 'policy ms req/resp', right: true },
  { header: 'note' }
];

function note(outcome: CallOutcome): string {
  const parts: string[] = [];
  const phases: Array<[string, PhaseOutcome | undefined]> = [['', outcome.request], ['response: ', outcome.response]];
  for (const [label, phase] of phases) {
    if (!phase) continue;
    for (const f of phase.failed) parts.push(`${label}failover: ${f.node} ${f.code}`);
    if (phase.skipped.length) parts.push(`${label}${phase.skipped.join(', ')} skipped (marked down)`);
    if (label && phase.node && phase.node !== outcome.request.node) parts.push(`response answered by ${phase.node}`);
  }
  return parts.join('; ');
}

function row(outcome: CallOutcome): string[] {
  const { request, response } = outcome;
  return [
    String(outcome.index),
    outcome.step.what,
    outcome.step.client,
    outcome.blocked ? `BLOCKED ${outcome.clientStatus}` : 'forwarded',
    request.node || 'none',
    response ? `${request.aseStatus || '-'}/${response.aseStatus || '-'}` : String(request.aseStatus || '-'),
    response ? `${request.ms.toFixed(1)} / ${response.ms.toFixed(1)}` : request.ms.toFixed(1),
    note(outcome)
  ];
}

/** Nearest-rank percentile of a non-empty list. */
function percentile(values: number[], p: number): number {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}

export function summarise(outcomes: CallOutcome[], received: Record<NodeName, RecordedCall[]>): DemoSummary {
  const all = [...received.primary, ...received.secondary];
  const requests = all.filter((c) => c.path === '/ase/request');
  const responses = all.filter((c) => c.path === '/ase/response');
  const requestIds = new Set(requests.map((c) => c.headers['x-correlationid']).filter(Boolean));
  const ms = outcomes.map((o) => o.request.ms);
  const sendMs = outcomes.map((o) => o.request.sendMs).filter((v): v is number => v !== undefined);
  const slowest = outcomes.reduce<CallOutcome | undefined>((worst, o) => (!worst || o.request.ms > worst.request.ms ? o : worst), undefined);
  const count = (calls: RecordedCall[], path: string) => calls.filter((c) => c.path === path).length;
  return {
    calls: outcomes.length,
    forwarded: outcomes.filter((o) => !o.blocked).length,
    blocked: outcomes.filter((o) => o.blocked).length,
    failovers: outcomes.filter((o) => o.request.failed.length > 0 && o.request.node !== '').length,
    skippedDown: outcomes.filter((o) => o.request.skipped.length > 0).length,
    p50Ms: ms.length ? percentile(ms, 0.5) : 0,
    maxMs: slowest ? slowest.request.ms : 0,
    maxCall: slowest ? slowest.index : 0,
    p50SendMs: sendMs.length === outcomes.length && sendMs.length ? percentile(sendMs, 0.5) : undefined,
    aseRequests: requests.length,
    aseResponses: responses.length,
    perNode: {
      primary: { requests: count(received.primary, '/ase/request'), responses: count(received.primary, '/ase/response') },
      secondary: { requests: count(received.secondary, '/ase/request'), responses: count(received.secondary, '/ase/response') }
    },
    paired: responses.filter((c) => requestIds.has(c.headers['x-correlationid'])).length,
    tokenAccepted: all.filter((c) => !c.reason.startsWith('bad token')).length,
    validBodies: all.filter((c) => !c.reason.startsWith('invalid body')).length
  };
}

/** Where the product did not do what the script expects, or the two sides disagree; empty when all is well. */
export function problems(outcomes: CallOutcome[], summary: DemoSummary): string[] {
  const found: string[] = [];
  for (const o of outcomes) {
    const expected = o.step.expect;
    if (o.blocked !== expected.blocked) found.push(`call #${o.index} was ${o.blocked ? 'blocked' : 'forwarded'}, expected ${expected.blocked ? 'blocked' : 'forwarded'}`);
    if (o.request.node !== expected.node) found.push(`call #${o.index} was answered by ${o.request.node || 'no node'}, expected ${expected.node}`);
  }
  const total = summary.perNode.primary.requests + summary.perNode.secondary.requests;
  if (total !== summary.calls) found.push(`ASE received ${total} /ase/request calls for ${summary.calls} API calls`);
  if (summary.aseResponses !== summary.forwarded) found.push(`ASE received ${summary.aseResponses} /ase/response calls for ${summary.forwarded} forwarded calls`);
  if (summary.paired !== summary.aseResponses) found.push(`only ${summary.paired} of ${summary.aseResponses} /ase/response calls carry a request's correlation id`);
  return found;
}

/** The table (with the stop marker where the primary went down) and the summary lines. */
export function reportLines(run: HostRun, traffic: DemoStep[], summary: DemoSummary): string[] {
  const table = textTable(COLUMNS, run.outcomes.map(row));
  const stop = traffic.findIndex((step) => step.kind === 'stop-primary');
  if (stop >= 0) table.splice(1 + traffic.slice(0, stop).filter((step) => step.kind === 'call').length, 0, `  --  ${run.stopNote}`);
  const s = summary;
  const failoverCalls = run.outcomes
    .filter((o) => o.request.failed.length > 0 && o.request.node !== '')
    .map((o) => `#${o.index}: ${o.request.failed.map((f) => `${f.node} ${f.code}`).join(', ')} -> ${o.request.node}`);
  const sends = s.p50SendMs === undefined ? '' : ` (sends to ASE p50 ${s.p50SendMs.toFixed(1)} ms)`;
  return [
    ...table,
    '',
    `calls ${s.calls}: ${s.forwarded} forwarded, ${s.blocked} BLOCKED 403`,
    `failovers ${s.failovers}${failoverCalls.length ? ` (${failoverCalls.join('; ')})` : ''}; later calls that skipped a node marked down: ${s.skippedDown}`,
    `policy latency, request phase: p50 ${s.p50Ms.toFixed(1)} ms${sends}, max ${s.maxMs.toFixed(1)} ms (#${s.maxCall})`,
    `  measured as: ${run.latencyNote}`,
    `ASE received ${s.aseRequests} request + ${s.aseResponses} response calls (primary ${s.perNode.primary.requests} + ${s.perNode.primary.responses}, secondary ${s.perNode.secondary.requests} + ${s.perNode.secondary.responses}); ` +
      `correlation ids paired ${s.paired}/${s.aseResponses}; ASE-Token accepted ${s.tokenAccepted}/${s.aseRequests + s.aseResponses}; bodies valid ${s.validBodies}/${s.aseRequests + s.aseResponses}`
  ];
}
