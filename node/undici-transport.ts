// The Node host's transport to ASE: one keep-alive undici Pool per node, CA-verified TLS, per-attempt timeouts (Node).

import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Pool, buildConnector } from 'undici';
import type { AseNode, PolicyConfig } from '../policies/core/config-types';
import type { AsyncTransport, AttemptResult, SidebandHeaders, SidebandMessage } from '../policies/core/host';
import { Codes } from '../policies/core/errors';
import type { AseTlsOptions } from './node-config';
import { classifyTransportError } from './transport-errors';

export interface UndiciTransport extends AsyncTransport {
  /** Waits for calls in flight (each bounded by its timeout), then closes every pool. */
  close(): Promise<void>;
}

/** ASE answers are tiny and not part of the contract: read up to this much, then drop the connection. */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * Headers for undici as a flat [name, value, ...] list. Connection is left out: undici manages
 * keep-alive itself and writes `connection: keep-alive` on every request it means to keep open.
 */
export function undiciHeaders(headers: SidebandHeaders[]): string[] {
  const flat: string[] = [];
  for (const header of headers) {
    if (header.name.toLowerCase() === 'connection') continue;
    flat.push(header.name, header.value);
  }
  return flat;
}

type ConnectFunction = buildConnector.connector;

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

function poolFor(node: AseNode, config: PolicyConfig, tls: AseTlsOptions): Pool {
  const base: buildConnector.BuildOptions = { timeout: config.connectTimeoutMs } as buildConnector.BuildOptions;
  const secure = base as Record<string, unknown>;
  if (tls.ca !== undefined) secure.ca = tls.ca;
  if (tls.cert !== undefined) secure.cert = tls.cert;
  if (tls.key !== undefined) secure.key = tls.key;
  const connect = tls.dangerouslyAcceptSelfSignedCertificates ? selfSignedConnector(base) : base;
  return new Pool(node.url as string, { connect });
}

async function attempt(pool: Pool, message: SidebandMessage, timeoutMs: number): Promise<AttemptResult> {
  // AbortSignal.timeout, not undici's headersTimeout: the latter fires with ~1 s granularity.
  const signal = AbortSignal.timeout(Math.max(1, Math.floor(timeoutMs)));
  let response: Awaited<ReturnType<Pool['request']>>;
  try {
    response = await pool.request({ path: message.path, method: 'POST', headers: undiciHeaders(message.headers), body: message.body, signal });
  } catch (error) {
    return { kind: 'failure', ...classifyTransportError(error) };
  }
  try {
    // Read to the end so the connection goes back to the pool; the status is already the answer.
    await response.body.dump({ limit: MAX_ANSWER_BYTES });
  } catch {
    // The answer was given; a body cut short only costs this connection.
  }
  // Measured (undici 7.30): the body closes a moment before the client frees its connection, so a
  // call sent right away (the response call after a fast request, back-to-back checks) would open a
  // second connection. One turn of the event loop lets the pool hand the same one out again.
  await nextTurn();
  return { kind: 'status', status: response.statusCode };
}

/** One Pool per configured node, created up front (nodes come from the validated config). */
export function undiciTransport(config: PolicyConfig, tls: AseTlsOptions = {}): UndiciTransport {
  const pools = new Map<AseNode, Pool>();
  for (const node of config.nodes) pools.set(node, poolFor(node, config, tls));
  let closed = false;
  return {
    send(node: AseNode, message: SidebandMessage, timeoutMs: number): Promise<AttemptResult> {
      const pool = pools.get(node);
      if (closed) return Promise.resolve({ kind: 'failure', code: Codes.TRANSPORT, detail: 'the policy was closed' });
      if (!pool) return Promise.resolve({ kind: 'failure', code: Codes.TRANSPORT, detail: 'no connection pool for node ' + node.name });
      return attempt(pool, message, timeoutMs);
    },
    async close(): Promise<void> {
      closed = true;
      await Promise.all([...pools.values()].map((pool) => pool.close().catch(() => pool.destroy())));
    }
  };
}
