// The ASE stand-in: a loopback HTTP(S) server speaking the sideband contract, with faults and a call log (Node only).
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { decideAnswer, parseBodyLoosely } from '../node/ase-contract/answer';
import type { Answer } from '../node/ase-contract/answer';
import { GARBAGE, HALF_HEADERS, breaksTheBody, normaliseFault, writeBrokenBody } from './fault';
import type { NormalFault } from './fault';
import type { AseStandin, DenyLists, Fault, KnownApi, RecordedCall, StandinLoad, StandinOptions } from './types';

/** Larger bodies are drained and answered 413: metadata calls are small, a huge one is a bug. */
const MAX_BODY_BYTES = 1024 * 1024;
/** Idle keep-alive sockets live this long, like a patient ASE (Node's default is 5 s). */
const KEEP_ALIVE_MS = 60_000;

interface Waiter {
  count: number;
  resolve: (calls: RecordedCall[]) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const name of Object.keys(headers)) {
    const value = headers[name];
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function sendJson(res: http.ServerResponse, status: number, payload: unknown): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * A real RST where possible. A TLS socket cannot reset itself, so the TCP socket under it (the
 * undocumented but long-standing `_parent`) is reset instead; anything else is just destroyed.
 */
function resetSocket(socket: Socket): void {
  const tcp = ((socket as Socket & { _parent?: Socket })._parent ?? socket) as Socket & { resetAndDestroy?: () => Socket };
  try {
    if (typeof tcp.resetAndDestroy === 'function') {
      tcp.resetAndDestroy();
      socket.destroy();
      return;
    }
  } catch {
    // Not a TCP handle after all: destroying still ends the connection.
  }
  socket.destroy();
}

export async function startAseStandin(options: StandinOptions = {}): Promise<AseStandin> {
  const host = options.host ?? '127.0.0.1';
  const name = options.name ?? 'ase-standin';
  const token = options.token ?? '';
  const onCall = options.onCall;
  const recordCalls = options.recordCalls ?? true;
  let deny: DenyLists = options.deny ?? {};
  let knownApis: KnownApi[] | undefined = options.knownApis;
  let fault: NormalFault = normaliseFault(options.faults);

  const calls: RecordedCall[] = [];
  const waiters = new Set<Waiter>();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const connectionIds = new WeakMap<object, number>();
  let lastConnectionId = 0;
  let closed = false;
  let faultChain: Promise<void> = Promise.resolve();
  const load: StandinLoad = { inFlight: 0, peakInFlight: 0, connections: 0, peakConnections: 0 };

  const server = options.tls
    ? https.createServer({ key: options.tls.key, cert: options.tls.cert })
    : http.createServer();
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  // Node wants headersTimeout <= requestTimeout; both only bound a slow *request*, never a hung answer.
  server.headersTimeout = KEEP_ALIVE_MS + 1000;
  server.requestTimeout = 2 * KEEP_ALIVE_MS;

  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    if (++load.connections > load.peakConnections) load.peakConnections = load.connections;
    socket.once('close', () => {
      sockets.delete(socket);
      load.connections--;
    });
  });

  /** One call in flight from its arrival until its answer ended or its socket closed, whichever first. */
  function track(res: http.ServerResponse): void {
    if (++load.inFlight > load.peakInFlight) load.peakInFlight = load.inFlight;
    let open = true;
    const done = (): void => {
      if (!open) return;
      open = false;
      load.inFlight--;
    };
    res.once('finish', done);
    res.once('close', done);
  }

  function connectionIdOf(socket: object): number {
    let id = connectionIds.get(socket);
    if (id === undefined) {
      id = ++lastConnectionId;
      connectionIds.set(socket, id);
    }
    return id;
  }

  function record(call: RecordedCall): void {
    if (recordCalls) calls.push(call);
    try {
      onCall?.(call);
    } catch {
      // The observer must never break the observed server.
    }
    for (const waiter of waiters) {
      if (calls.length >= waiter.count) {
        clearTimeout(waiter.timer);
        waiters.delete(waiter);
        waiter.resolve(calls.slice());
      }
    }
  }

  function later(delayMs: number, action: () => void): void {
    if (delayMs <= 0) {
      action();
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      action();
    }, delayMs);
    timers.add(timer);
  }

  function handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const socket = req.socket;
    track(res);
    const connectionId = connectionIdOf(socket);
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('error', () => {
      // A client that vanishes mid-body is not the stand-in's problem.
    });
    req.on('end', () => {
      const current = fault;
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const base = {
        path: req.url ?? '',
        method: req.method ?? '',
        headers: flattenHeaders(req.headers),
        rawBody,
        receivedAt: Date.now(),
        connectionId
      };

      if (current.mode === 'refuse') {
        // Raced with setFaults({mode: 'refuse'}): behave as the dead server it now is.
        socket.destroy();
        return;
      }
      if (current.mode === 'reset' || current.mode === 'garbage' || current.mode === 'hang' || current.mode === 'stall-headers') {
        record({ ...base, body: parseBodyLoosely(rawBody), status: 0, reason: 'fault', fault: current.mode });
        if (current.mode === 'hang') return; // the socket stays open until close() destroys it
        if (current.mode === 'stall-headers') {
          socket.write(HALF_HEADERS); // then nothing until close() destroys the socket
          return;
        }
        later(current.delayMs, () => {
          if (socket.destroyed) return;
          if (current.mode === 'reset') resetSocket(socket);
          else socket.end(GARBAGE);
        });
        return;
      }

      let answer: Answer;
      if (current.mode === 'status') {
        answer = { status: current.status, reason: 'fault', body: parseBodyLoosely(rawBody) };
      } else if (size > MAX_BODY_BYTES) {
        answer = { status: 413, reason: `body too large (${size} bytes)`, body: rawBody };
      } else {
        answer = decideAnswer(base, { token, deny, knownApis });
      }
      const faulty = current.mode === 'status' || breaksTheBody(current.mode);
      // Recorded before answering, so a client that has its answer always finds the call logged.
      record({ ...base, body: answer.body, status: answer.status, reason: answer.reason, ...(faulty ? { fault: current.mode } : {}) });
      if (breaksTheBody(current.mode)) {
        writeBrokenBody(res, answer.status, current, later);
        return;
      }
      later(current.delayMs, () => {
        if (res.destroyed || socket.destroyed) return;
        sendJson(res, answer.status, { message: answer.reason });
      });
    });
  }
  server.on('request', handle);

  function listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => reject(new Error(`${name}: cannot listen on ${host}:${port}: ${error.message}`));
      server.once('error', onError);
      server.listen(port, host, () => {
        server.off('error', onError);
        resolve();
      });
    });
  }

  /** Stops listening and drops every open socket: from the clients' side the ASE is gone. */
  function stopListening(): Promise<void> {
    return new Promise((resolve) => {
      if (!server.listening) {
        for (const socket of sockets) socket.destroy();
        resolve();
        return;
      }
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
  }

  await listen(options.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  const url = `${options.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  if (fault.mode === 'refuse') await stopListening();

  async function applyFault(next: NormalFault): Promise<void> {
    const wasRefusing = fault.mode === 'refuse';
    fault = next;
    if (closed) return;
    if (!wasRefusing && next.mode === 'refuse') await stopListening();
    if (wasRefusing && next.mode !== 'refuse') await listen(port);
  }

  return {
    url,
    port,
    name,
    calls,
    setFaults(next: Fault): Promise<void> {
      let normal: NormalFault;
      try {
        normal = normaliseFault(next);
      } catch (error) {
        return Promise.reject(error);
      }
      // Serialised: two quick setFaults calls must not race listen() against close().
      const applied = faultChain.then(() => applyFault(normal));
      faultChain = applied.catch(() => undefined);
      return applied;
    },
    setDeny(next: DenyLists): void {
      deny = next;
    },
    setKnownApis(next: KnownApi[] | undefined): void {
      knownApis = next;
    },
    clearCalls(): void {
      calls.length = 0;
    },
    load(): StandinLoad {
      return { ...load };
    },
    waitForCalls(count: number, timeoutMs = 5000): Promise<RecordedCall[]> {
      if (!recordCalls) return Promise.reject(new Error(`${name}: waitForCalls needs recordCalls (it is off)`));
      if (calls.length >= count) return Promise.resolve(calls.slice());
      if (closed) return Promise.reject(new Error(`${name}: closed with ${calls.length} of ${count} call(s)`));
      return new Promise((resolve, reject) => {
        const waiter: Waiter = {
          count,
          resolve,
          reject,
          timer: setTimeout(() => {
            waiters.delete(waiter);
            reject(new Error(`${name}: waited ${timeoutMs} ms for ${count} call(s), got ${calls.length}`));
          }, timeoutMs)
        };
        waiters.add(waiter);
      });
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const waiter of waiters) {
        clearTimeout(waiter.timer);
        waiter.reject(new Error(`${name}: closed with ${calls.length} of ${waiter.count} call(s)`));
      }
      waiters.clear();
      await faultChain;
      await stopListening();
    }
  };
}
