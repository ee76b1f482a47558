// Starts what each node of a shared scenario is: a stand-in (up, slow, fixed status) or a refused loopback port (down) (Node, tests).
import { connect } from 'node:net';
import { startAseStandin, type AseStandin, type RecordedCall } from '../../standin';
import type { SidebandScenario } from './sideband-scenarios';

/**
 * A loopback port nothing listens on (connections are refused). Drawn below the kernel's ephemeral
 * range (Linux 32768-60999, macOS 49152-65535) and checked: a port freed by listen(0) and close could
 * be handed to the next listen(0) (a stand-in started later in the same test, which then accepts and
 * stalls: ASE_TIMEOUT where ASE_REFUSED was expected, seen once on a loaded CI machine).
 */
export async function refusedPort(): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 10000);
    if (await refuses(port)) return port;
  }
  throw new Error('no refused loopback port found in 20000-29999 after 100 tries');
}

function refuses(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
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
