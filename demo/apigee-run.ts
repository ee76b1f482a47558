// Runs the demo traffic through the built Apigee shared flow in Rhino (fake Apigee host, one JVM) against the stand-ins (Node).
import type { AseStandin } from '../standin';
import { runApigeeScenarios, type ApigeeCall, type FlowRecord } from '../emulators/apigee';
import { FLOW_VARIABLES, KVM_ENTRIES } from '../policies/hosts/apigee';
import { stopSwitch } from './stop-switch';
import { trailOf, type CallOutcome, type HostRun, type PhaseOutcome } from './outcome';
import type { DemoStep, NodeName } from './traffic';

export interface ApigeeRunInput {
  traffic: DemoStep[];
  /** The shared flow zip, built with the stand-ins' URLs. */
  zip: string;
  kvm: string;
  aseToken: string;
  standins: Record<NodeName, AseStandin>;
}

function phase(flow: FlowRecord, nodeOf: (url: string) => string): PhaseOutcome {
  const answered = flow.sends.filter((s) => s.status !== null);
  const last = answered[answered.length - 1];
  return {
    node: last ? nodeOf(last.url) : '',
    aseStatus: last?.status ?? 0,
    ms: flow.micros / 1000,
    ...trailOf(flow.prints)
  };
}

export async function runOnApigee(input: ApigeeRunInput): Promise<HostRun> {
  const { standins } = input;
  const nodeOf = (url: string) => (Object.keys(standins) as NodeName[]).find((n) => url.startsWith(standins[n].url)) ?? url;
  const control = await stopSwitch(standins.primary);
  try {
    const calls: ApigeeCall[] = [];
    for (const item of input.traffic) {
      if (item.kind === 'stop-primary') {
        calls.push({ name: 'stop-primary', controlUrl: control.url });
        continue;
      }
      // The PreProxyFlowHook runs before the proxy's OAuth step: Authorization is still there, no retain-header needed.
      const c = item.call;
      calls.push({
        name: `#${calls.length}`,
        request: { verb: c.request.method, uri: c.request.url, version: c.request.httpVersion, headers: c.request.headers.map((h) => [h.name, h.value]) },
        client: { ip: c.request.peerAddress, port: c.request.peerPort },
        variables: c.identity.clientId ? { client_id: c.identity.clientId } : {},
        response: { status: item.response.status, reason: item.response.reason, headers: item.response.headers.map((h) => [h.name, h.value]) }
      });
    }
    const doc = await runApigeeScenarios(
      // timeLimit x4: a cold demo JVM on a busy machine must not fail a call the warm gateway would pass.
      [{ name: 'npm start demo (Apigee)', bundle: input.zip, kvm: { [input.kvm]: { [KVM_ENTRIES.aseToken]: input.aseToken } }, host: { timeLimitScale: 4 }, calls }],
      { timeoutMs: 60000 }
    );
    const results = doc.scenarios[0].calls.filter((r) => r.name !== 'stop-primary');
    const outcomes: CallOutcome[] = [];
    let n = 0;
    for (const item of input.traffic) {
      if (item.kind !== 'call') continue;
      const result = results[n++];
      for (const flow of [result.request, result.response]) {
        const failed = flow?.steps.find((s) => s.error);
        if (failed) throw new Error(`policy ${failed.policy} failed in call #${n}: ${failed.error}`);
      }
      const blocked = result.client.fault !== null;
      outcomes.push({
        index: n,
        step: item,
        blocked,
        clientStatus: result.client.status,
        request: { ...phase(result.request!, nodeOf), node: String(result.request!.variables[FLOW_VARIABLES.node] ?? '') },
        response: result.response ? phase(result.response, nodeOf) : undefined
      });
    }
    const e = doc.engine;
    return {
      engine: `Rhino ${e.rhino} on Java ${e.java} (fake Apigee host running the shared flow zip, profile ${e.profile}, one JVM)`,
      outcomes,
      stopNote: 'primary ASE stopped (refuses connections) by a control step in the same JVM: node health carries over in the flow cache',
      latencyNote: 'whole shared flow per flow hook: KVM, cache lookup, pi-config.js + pi-sideband.js in a fresh scope, ASE round trip, cache populate'
    };
  } finally {
    await control.close();
  }
}
