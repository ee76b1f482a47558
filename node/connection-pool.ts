// Keep-alive connections to one ASE node for the Node host: undici Clients handed out oldest-idle first, TLS as configured (Node).
//
// Not undici's Pool: a Pool opens a second connection when the next call comes in the same event-loop
// turn as the previous answer (the client is still "draining"), so a request and its response call,
// or back-to-back checks, would use two sockets. Here the connection that just answered is handed out
// again when no other one is idle, and undici sends on it one turn later: one connection per call in
// flight. The count can be capped (asyncMode); past the cap calls queue on the least busy connection.

import { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { Client, buildConnector } from 'undici';
import type { AseTlsOptions } from './node-config';

type ConnectFunction = buildConnector.connector;

/** One connection (an undici Client: one socket at a time) and what is in flight on it. */
export interface Connection {
  readonly client: Client;
  /** Attempts dispatched to it and not finished. */
  busy: number;
  /** Answers its current socket has delivered (0 on a fresh socket): a request on it then is a keep-alive reuse. */
  answered: number;
  /**
   * The TLS error the socket raised before it closed, if any. undici reports a TLS 1.3 rejection of
   * our client certificate (an alert after the handshake) as "other side closed": this keeps the real
   * reason (ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED) so the failure is named ASE_TLS.
   */
  tlsError: Error | null;
}

export interface ConnectionPoolOptions {
  connectTimeoutMs: number;
  tls: AseTlsOptions;
  /** Most connections; further calls queue on the least busy one. */
  maxConnections: number;
}

/**
 * The connector for dangerouslyAcceptSelfSignedCertificates: the handshake runs without Node's
 * verdict, then only a verified certificate or one that signed itself (DEPTH_ZERO_SELF_SIGNED_CERT)
 * is let through. An expired, wrong-host or unknown-CA certificate is still refused.
 */
function selfSignedConnector(base: buildConnector.BuildOptions): ConnectFunction {
  const connect = buildConnector({ ...base, rejectUnauthorized: false } as buildConnector.BuildOptions);
  return (options, callback) => {
    connect(options, (error, socket) => {
      if (error || !socket) {
        callback(error ?? new Error('connect failed'), null);
        return;
      }
      const tls = socket as TLSSocket;
      if (options.protocol !== 'https:' || tls.authorized) {
        callback(null, socket as Socket);
        return;
      }
      // null with authorized false: no verification result at all. Seen when nock (@mswjs/interceptors)
      // is loaded: it emulates 'secureConnect' before the real handshake. Refuse rather than guess.
      const reason = tls.authorizationError ? String(tls.authorizationError) : 'NO_VERIFICATION_RESULT';
      if (reason === 'DEPTH_ZERO_SELF_SIGNED_CERT') {
        callback(null, socket as Socket);
        return;
      }
      socket.destroy();
      const refused = new Error(
        `certificate refused (${reason}): dangerouslyAcceptSelfSignedCertificates only accepts a self-signed certificate; give the issuing CA as tls.ca`
      ) as Error & { code: string };
      refused.code = reason;
      callback(refused, null);
    });
  };
}

/** undici's connector for these options (CA-verified TLS unless the self-signed switch is on). */
function baseConnector(options: ConnectionPoolOptions): ConnectFunction {
  const base = { timeout: options.connectTimeoutMs } as buildConnector.BuildOptions;
  const secure = base as Record<string, unknown>;
  const tls = options.tls;
  if (tls.ca !== undefined) secure.ca = tls.ca;
  if (tls.cert !== undefined) secure.cert = tls.cert;
  if (tls.key !== undefined) secure.key = tls.key;
  return tls.dangerouslyAcceptSelfSignedCertificates ? selfSignedConnector(base) : buildConnector(base);
}

const isTlsError = (error: unknown): boolean => /^ERR_(SSL|TLS)_/.test(String((error as { code?: unknown })?.code ?? ''));

/** The connector of one connection: undici's, plus the TLS error its socket raises (see Connection.tlsError). */
function watchedConnector(connect: ConnectFunction, connection: { tlsError: Error | null; answered: number }): ConnectFunction {
  return (options, callback) => {
    connection.tlsError = null;
    connection.answered = 0;
    connect(options, (error: Error | null, socket: Socket | null) => {
      if (socket) {
        socket.prependListener('error', (socketError: Error) => {
          if (connection.tlsError === null && isTlsError(socketError)) connection.tlsError = socketError;
        });
        callback(null, socket);
        return;
      }
      callback(error ?? new Error('connect failed'), null);
    });
  };
}

let parserWarmed = false;

/**
 * undici compiles its HTTP parser (WebAssembly) when the process makes its first connection, and
 * synchronously: ~15 ms, well over 100 ms on a loaded machine. The first sideband attempt would pay it
 * inside its deadline (which counts from dispatch, connecting included). This pays it when the module
 * loads, in the background, on a socket that is never connected (no traffic), then drops that client.
 * Once per process; harmless if a later undici compiles elsewhere.
 */
function warmHttpParser(): void {
  if (parserWarmed) return;
  parserWarmed = true;
  setImmediate(() => {
    try {
      const warm = new Client('http://parser-warm-up.invalid', { connect: (_options, callback) => callback(null, new Socket()) });
      const ignore = (): boolean => true;
      warm.dispatch({ path: '/', method: 'GET' }, { onConnect: ignore, onHeaders: ignore, onData: ignore, onComplete: ignore, onError: ignore });
      // The connect callback and the parser's compilation run within this turn; then the request goes.
      setImmediate(() => void warm.destroy().catch(() => undefined));
    } catch {
      // Only a warm-up: the first real connection compiles the parser instead.
    }
  });
}

warmHttpParser();

/** The connections to one node (origin `url`). */
export class ConnectionPool {
  private readonly all: Connection[] = [];
  /** Connections with nothing in flight, oldest first: the oldest has surely finished draining. */
  private readonly idle: Connection[] = [];
  private readonly connect: ConnectFunction;

  constructor(private readonly url: string, private readonly options: ConnectionPoolOptions) {
    this.connect = baseConnector(options);
  }

  /** A connection for one attempt: an idle one, else a new one, else (at the cap) the least busy. */
  acquire(): Connection {
    let connection = this.idle.shift();
    if (!connection) connection = this.all.length < this.options.maxConnections ? this.open() : this.leastBusy();
    connection.busy++;
    return connection;
  }

  /** The attempt on `connection` is over (its answer ended, failed or was dropped). */
  release(connection: Connection): void {
    connection.busy--;
    if (connection.busy === 0) this.idle.push(connection);
  }

  /** How many connections were opened (each is one socket at a time). */
  get size(): number {
    return this.all.length;
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((c) => c.client.close().catch(() => c.client.destroy())));
  }

  private open(): Connection {
    const watched: { tlsError: Error | null; answered: number } = { tlsError: null, answered: 0 };
    const connection: Connection = Object.assign(watched, {
      busy: 0,
      client: new Client(this.url, { connect: watchedConnector(this.connect, watched) })
    });
    this.all.push(connection);
    return connection;
  }

  private leastBusy(): Connection {
    let best = this.all[0];
    for (const each of this.all) if (each.busy < best.busy) best = each;
    return best;
  }
}
