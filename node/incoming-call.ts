// The one conversion of Node's HTTP objects to the core's call model, shared by every Node middleware (Node).

import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import type { ApiCall, ApiResponse, HeaderField } from '../policies/core/api-call';
import type { PolicyLogger } from '../policies/core/host';
import { Codes, describeError } from '../policies/core/errors';

/** Who the app authenticated, sent to ASE as user_info. Leave both empty for anonymous calls. */
export interface CallerIdentity {
  username?: string;
  clientId?: string;
}

/**
 * Req is the request type identify() receives: the framework's own (Express `Request`, Fastify
 * `FastifyRequest`), so `req.header()` or `req.user` type-check; node:http's IncomingMessage by default.
 */
export interface IncomingCallOptions<Req = IncomingMessage> {
  /** Reads the authenticated user and client app from the request (e.g. from a verified JWT). */
  identify?: (req: Req) => CallerIdentity | null | undefined;
  /** The API's host name, sent to ASE when a request has no Host header. */
  fallbackHost?: string;
}

/**
 * Header fields from `rawHeaders` ([name, value, name, value, ...]): a repeated header stays several
 * values, in order. HTTP/2 pseudo-headers are dropped; `:authority` stands in for a missing Host.
 */
export function headerFieldsFromRaw(rawHeaders: readonly string[]): HeaderField[] {
  const fields: HeaderField[] = [];
  let authority = '';
  let hasHost = false;
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = String(rawHeaders[i]);
    const value = String(rawHeaders[i + 1]);
    if (name.charAt(0) === ':') {
      if (name === ':authority') authority = value;
      continue;
    }
    if (name.toLowerCase() === 'host') hasHost = true;
    fields.push({ name, value });
  }
  if (!hasHost && authority !== '') fields.unshift({ name: 'host', value: authority });
  return fields;
}

/** Header fields from a headers object (res.getHeaders(), reply.getHeaders()): arrays give one field per value. */
export function headerFieldsFromObject(headers: OutgoingHttpHeaders | Record<string, unknown>): HeaderField[] {
  const fields: HeaderField[] = [];
  for (const name of Object.keys(headers)) {
    const value = (headers as Record<string, unknown>)[name];
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const each of value) fields.push({ name, value: String(each) });
    else fields.push({ name, value: String(value) });
  }
  return fields;
}

/** The user's identify() hook, guarded: a throwing hook costs the call its user_info, never the call. */
function identityOf<Req>(subject: Req, options: IncomingCallOptions<Req>, log: PolicyLogger): CallerIdentity {
  if (!options.identify) return {};
  try {
    return options.identify(subject) ?? {};
  } catch (e) {
    log.warn(Codes.HOST_READ + ': identify() threw ' + describeError(e) + '; the call is sent to ASE without user_info');
    return {};
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

/**
 * The ApiCall for one incoming request. The url is Express's `originalUrl` when there is one
 * (a router mounted under a prefix rewrites `req.url`), else `req.url`, query string included.
 * identify() gets `subject`: the framework's request object (Fastify's wraps the raw one), else `req`.
 */
export function apiCallFromRequest<Req = IncomingMessage>(
  req: IncomingMessage,
  correlationId: string,
  options: IncomingCallOptions<Req>,
  log: PolicyLogger,
  subject: Req = req as unknown as Req
): ApiCall {
  const originalUrl = (req as IncomingMessage & { originalUrl?: unknown }).originalUrl;
  const socket = req.socket;
  const identity = identityOf(subject, options, log);
  return {
    correlationId,
    request: {
      method: text(req.method),
      url: typeof originalUrl === 'string' && originalUrl !== '' ? originalUrl : text(req.url),
      httpVersion: text(req.httpVersion),
      headers: headerFieldsFromRaw(req.rawHeaders ?? []),
      peerAddress: text(socket?.remoteAddress),
      peerPort: typeof socket?.remotePort === 'number' ? socket.remotePort : 0,
      fallbackHost: text(options.fallbackHost)
    },
    identity: { username: text(identity.username), clientId: text(identity.clientId), retainedAuthorization: '' }
  };
}

/** The ApiResponse for what the app answered (read after the response finished). */
export function apiResponseFrom(status: number, reason: string | undefined, headers: OutgoingHttpHeaders | Record<string, unknown>, httpVersion: string): ApiResponse {
  return { status, reason: text(reason), httpVersion, headers: headerFieldsFromObject(headers) };
}
