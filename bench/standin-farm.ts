// ASE stand-ins in a child process (this module forks itself), so the measured clients and the server never share an event loop (Node, bench).
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startAseStandin, type AseStandin, type StandinOptions } from '../standin/index';

/** What a stand-in saw since it started: counts, and the first call in full (what a floor must send too). */
export interface StandinStats {
  calls: number;
  connections: number;
  /** Calls not answered 200 (a fault, a bad token, an invalid body, ...). */
  rejected: number;
  firstRejection: string | null;
  first: { path: string; headers: Record<string, string>; rawBody: string } | null;
}

export interface RemoteStandin {
  readonly url: string;
  stats(): Promise<StandinStats>;
  close(): Promise<void>;
}

/** Options are the stand-in's own (faults included, set from the start), minus what cannot cross IPC. */
export type FarmOptions = Omit<StandinOptions, 'onCall' | 'recordCalls' | 'tls'>;

type Ask = { op: 'start'; options: FarmOptions } | { op: 'stats' | 'close'; standin: number };
type Request = Ask & { id: number };

const CHILD = 'PI_BENCH_STANDIN_FARM';

/** The child's side: each stand-in counts what it answers instead of recording tens of thousands of calls. */
function serve(): void {
  const hosted: Array<{ standin: AseStandin; stats: StandinStats; connections: Set<number> }> = [];
  const handle = async (request: Request): Promise<unknown> => {
    if (request.op === 'start') {
      const h = { standin: undefined as unknown as AseStandin, stats: { calls: 0, connections: 0, rejected: 0, firstRejection: null, first: null } as StandinStats, connections: new Set<number>() };
      h.standin = await startAseStandin({
        ...request.options,
        recordCalls: false,
        onCall: (call) => {
          h.stats.calls += 1;
          h.connections.add(call.connectionId);
          h.stats.first ??= { path: call.path, headers: call.headers, rawBody: call.rawBody };
          if (call.status !== 200) h.stats.rejected += 1;
          if (call.status !== 200) h.stats.firstRejection ??= `${call.status} ${call.reason}`;
        }
      });
      return { standin: hosted.push(h) - 1, url: h.standin.url };
    }
    const h = hosted[request.standin];
    if (request.op === 'stats') return { ...h.stats, connections: h.connections.size };
    return h.standin.close();
  };
  process.on('message', (request: Request) => {
    handle(request).then(
      (value) => process.send?.({ id: request.id, value: value ?? null }),
      (error: unknown) => process.send?.({ id: request.id, error: String(error) })
    );
  });
  // The parent went away (finished or crashed): nothing left to serve.
  process.on('disconnect', () => void Promise.allSettled(hosted.map((h) => h.standin.close())).then(() => process.exit(0)));
}

export interface StandinFarm {
  start(options?: FarmOptions): Promise<RemoteStandin>;
  close(): Promise<void>;
}

export async function startStandinFarm(): Promise<StandinFarm> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), [], { execArgv: ['--import', 'tsx'], env: { ...process.env, [CHILD]: '1' }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  child.on('message', (reply: { id: number; value?: unknown; error?: string }) => {
    const waiter = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.error !== undefined) waiter?.reject(new Error(`stand-in farm: ${reply.error}`));
    else waiter?.resolve(reply.value);
  });
  child.on('exit', (code) => pending.forEach((w) => w.reject(new Error(`stand-in farm exited with ${code}`))));
  await new Promise((resolve, reject) => child.once('spawn', resolve).once('error', reject));
  const ask = (request: Ask): Promise<unknown> =>
    new Promise((resolve, reject) => {
      pending.set(++nextId, { resolve, reject });
      child.send({ ...request, id: nextId });
    });
  return {
    async start(options = {}) {
      const { standin, url } = (await ask({ op: 'start', options })) as { standin: number; url: string };
      return { url, stats: async () => (await ask({ op: 'stats', standin })) as StandinStats, close: async () => void (await ask({ op: 'close', standin })) };
    },
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
  };
}

if (process.env[CHILD] === '1') serve();
