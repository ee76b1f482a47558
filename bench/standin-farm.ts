// ASE stand-ins in a child process, so the benchmark's clients and the server do not share one event loop (Node, bench).
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Fault, StandinOptions } from '../standin/index';
import type { FarmReply, FarmRequest } from './standin-child';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface RemoteStandin {
  readonly url: string;
  readonly port: number;
  setFaults(fault: Fault): Promise<void>;
  /** Calls answered (or swallowed by a fault) and distinct TCP connections, since start. */
  stats(): Promise<{ calls: number; connections: number }>;
  close(): Promise<void>;
}

export interface StandinFarm {
  /** Options are the stand-in's own, minus what cannot cross IPC (TLS material, callbacks). */
  start(options?: Omit<StandinOptions, 'onCall' | 'recordCalls' | 'tls'>): Promise<RemoteStandin>;
  close(): Promise<void>;
}

const CHILD = fileURLToPath(new URL('./standin-child.ts', import.meta.url));

export async function startStandinFarm(): Promise<StandinFarm> {
  const child: ChildProcess = fork(CHILD, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  child.on('message', (reply: FarmReply) => {
    const waiter = pending.get(reply.id);
    if (!waiter) return;
    pending.delete(reply.id);
    if ('error' in reply) waiter.reject(new Error(`stand-in farm: ${reply.error}`));
    else waiter.resolve(reply.value);
  });
  child.on('exit', (code) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`stand-in farm exited with ${code}`));
    pending.clear();
  });
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', () => resolve());
    child.once('error', reject);
  });

  function ask(request: DistributiveOmit<FarmRequest, 'id'>): Promise<unknown> {
    const id = ++nextId;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      child.send({ ...request, id } as FarmRequest);
    });
  }

  return {
    async start(options = {}) {
      const { id, url, port } = (await ask({ op: 'start', options })) as { id: number; url: string; port: number };
      return {
        url,
        port,
        setFaults: async (fault) => {
          await ask({ op: 'setFaults', standin: id, fault });
        },
        stats: async () => (await ask({ op: 'stats', standin: id })) as { calls: number; connections: number },
        close: async () => {
          await ask({ op: 'close', standin: id });
        }
      };
    },
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
  };
}
