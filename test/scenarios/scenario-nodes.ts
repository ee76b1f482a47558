// Starts what each node of a shared scenario is: a stand-in (up, slow, fixed status) or a refused loopback port (down) (Node, tests).
import { createServer } from 'node:net';
import { startAseStandin, type AseStandin, type RecordedCall } from '../../standin';
import type { SidebandScenario } from './sideband-scenarios';

/** A loopback port nothing listens on (connections are refused). */
export async function refusedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface ScenarioNodes {
  /** Base URL per node name, in config order. */
  urls: Map<string, string>;
  /** Stand-in per node name; absent for nodes that are down. */
  standins: Map<string, AseStandin>;
}

export async function startScenarioNodes(shared: SidebandScenario): Promise<ScenarioNodes> {
  const urls = new Map<string, string>();
  const standins = new Map<string, AseStandin>();
  for (const node of shared.ase.nodes) {
    const b = node.behaviour;
    if (b.kind === 'down') {
      urls.set(node.name, `http://127.0.0.1:${await refusedPort()}`);
      continue;
    }
    const standin = await startAseStandin({
      name: node.name,
      token: shared.ase.token ?? '',
      deny: shared.ase.deny,
      faults: b.kind === 'status' ? { mode: 'status', status: b.status } : b.kind === 'slow' ? { delayMs: b.delayMs } : undefined
    });
    standins.set(node.name, standin);
    urls.set(node.name, standin.url);
  }
  return { urls, standins };
}

/** Every call the scenario's stand-ins received, in arrival order, with the receiving node's name. */
export function receivedCalls(standins: Map<string, AseStandin>): Array<RecordedCall & { node: string }> {
  const calls = [...standins.entries()].flatMap(([node, s]) => s.calls.map((c) => ({ ...c, node })));
  return calls.sort((a, b) => a.receivedAt - b.receivedAt);
}
