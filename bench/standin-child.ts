// Child process of the benchmark: hosts ASE stand-ins off the measuring process's CPU, driven over IPC (Node, bench).
import { startAseStandin, type AseStandin, type Fault, type StandinOptions } from '../standin/index';

export type FarmRequest =
  | { id: number; op: 'start'; options: StandinOptions }
  | { id: number; op: 'setFaults'; standin: number; fault: Fault }
  | { id: number; op: 'stats'; standin: number }
  | { id: number; op: 'close'; standin: number };

export type FarmReply = { id: number; error: string } | { id: number; value: unknown };

interface Hosted {
  standin: AseStandin;
  calls: number;
  connections: Set<number>;
}

const hosted = new Map<number, Hosted>();
let lastId = 0;

function get(id: number): Hosted {
  const h = hosted.get(id);
  if (!h) throw new Error(`no stand-in ${id}`);
  return h;
}

async function handle(request: FarmRequest): Promise<unknown> {
  switch (request.op) {
    case 'start': {
      const entry: Hosted = { standin: undefined as unknown as AseStandin, calls: 0, connections: new Set() };
      // Not recorded: a benchmark sends tens of thousands of calls; counts are kept instead.
      entry.standin = await startAseStandin({
        ...request.options,
        recordCalls: false,
        onCall: (call) => {
          entry.calls += 1;
          entry.connections.add(call.connectionId);
        }
      });
      const id = ++lastId;
      hosted.set(id, entry);
      return { id, url: entry.standin.url, port: entry.standin.port };
    }
    case 'setFaults':
      await get(request.standin).standin.setFaults(request.fault);
      return null;
    case 'stats': {
      const h = get(request.standin);
      return { calls: h.calls, connections: h.connections.size };
    }
    case 'close':
      await get(request.standin).standin.close();
      hosted.delete(request.standin);
      return null;
  }
}

process.on('message', (request: FarmRequest) => {
  handle(request).then(
    (value) => process.send?.({ id: request.id, value } satisfies FarmReply),
    (error: unknown) => process.send?.({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies FarmReply)
  );
});

// The parent went away (finished or crashed): nothing left to serve.
process.on('disconnect', () => {
  void Promise.allSettled([...hosted.values()].map((h) => h.standin.close())).then(() => process.exit(0));
});
