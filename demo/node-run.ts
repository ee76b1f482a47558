// Runs the demo traffic through the Node host (createAsePolicy over undici) against the stand-ins: the fallback without Java (Node).
import { performance } from 'node:perf_hooks';
import type { AseStandin } from '../standin';
import { createAsePolicy } from '../node';
import type { PolicyConfigInput, PolicyDecision } from '../node';
import { trailOf, type CallOutcome, type HostRun, type PhaseOutcome } from './outcome';
import { afterOAuth, authorizationOf, type DemoStep, type NodeName } from './traffic';

export interface NodeRunInput {
  traffic: DemoStep[];
  /** The demo config (token, options); nodes are replaced by the stand-ins' URLs. */
  config: Omit<PolicyConfigInput, 'nodes'>;
  standins: Record<NodeName, AseStandin>;
}

function phase(decision: PolicyDecision, ms: number): PhaseOutcome {
  return { node: decision.node, aseStatus: decision.aseStatus, ms, ...trailOf(decision.log ? [decision.log.message] : []) };
}

export async function runOnNode(input: NodeRunInput): Promise<HostRun> {
  const { standins } = input;
  const policy = createAsePolicy({
    config: { ...input.config, nodes: [{ name: 'primary', url: standins.primary.url }, { name: 'secondary', url: standins.secondary.url }] },
    // Decisions are read from the returned values; the table is the demo's only output.
    logger: { debug: () => undefined, warn: () => undefined, error: () => undefined }
  });
  const outcomes: CallOutcome[] = [];
  try {
    let n = 0;
    for (const item of input.traffic) {
      if (item.kind === 'stop-primary') {
        await standins.primary.setFaults({ mode: 'refuse' });
        continue;
      }
      n++;
      // The Node host has no retain-header stage: the kept value travels on the call's identity.
      const call = item.retainHeader
        ? { ...afterOAuth(item.call), identity: { ...item.call.identity, retainedAuthorization: authorizationOf(item.call) } }
        : item.call;
      let t0 = performance.now();
      const decision = await policy.checkRequest(call);
      const request = phase(decision, performance.now() - t0);
      const blocked = decision.verdict === 'block';
      let response: PhaseOutcome | undefined;
      if (!blocked) {
        t0 = performance.now();
        const reported = await policy.reportResponse(decision.correlationId, item.response, decision.node);
        response = phase(reported, performance.now() - t0);
      }
      outcomes.push({ index: n, step: item, blocked, clientStatus: blocked ? decision.clientStatus : item.response.status, request, response });
    }
  } finally {
    await policy.close();
  }
  return {
    engine: `Node ${process.version} host (createAsePolicy over undici)`,
    outcomes,
    stopNote: 'primary ASE stopped (refuses connections); the same policy instance keeps its node health',
    latencyNote: 'awaited checkRequest / reportResponse, ASE round trip included'
  };
}
