// Node middleware: node:http / Express (req, res, next) and Fastify hooks over one AsePolicy (Node).
//
// Both share apiCallFromRequest (the one IncomingMessage -> ApiCall conversion) and the blocked
// answer. The response metadata goes to ASE after the response finished, never delaying it.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { Codes } from '../policies/core/errors';
import { describeError } from '../policies/core/sideband-sync';
import type { ApiCall } from '../policies/core/api-call';
import type { AsePolicy, PolicyDecision } from './node-host';
import { apiCallFromRequest, apiResponseFrom, type IncomingCallOptions } from './incoming-call';

export type PiMiddlewareOptions = IncomingCallOptions;

/** The request as the app sees it after the middleware: the X-CorrelationID of its ASE calls, for logs. */
export type PiRequest = IncomingMessage & { piCorrelationId?: string };

/** The JSON the client gets when the call is stopped: 403 (ASE blocked it) or 503 (failClosed, ASE unreachable). */
export function blockedAnswer(decision: PolicyDecision): { status: number; body: string } {
  const status = decision.clientStatus === 503 ? 503 : 403;
  return {
    status,
    body: JSON.stringify({ error: status === 503 ? 'service_unavailable' : 'forbidden', correlation_id: decision.correlationId })
  };
}

/** True when /ase/request went out (or was attempted), so ASE expects the matching /ase/response. */
function expectsResponse(decision: PolicyDecision): boolean {
  return decision.verdict === 'allow' && decision.code !== Codes.CLIENT_IP_UNKNOWN && decision.code !== Codes.INTERNAL;
}

/** The call, or null (logged) when the request cannot be read: then the request is forwarded unchecked. */
function readCall(policy: AsePolicy, req: IncomingMessage, options: PiMiddlewareOptions): ApiCall | null {
  try {
    // An empty correlationId: the policy draws one and returns it on the decision.
    return apiCallFromRequest(req, '', options, policy.logger);
  } catch (e) {
    policy.logger.error(Codes.HOST_READ + ': could not read the request (' + describeError(e) + '); call forwarded without a sideband call');
    return null;
  }
}

function reportResponse(policy: AsePolicy, decision: PolicyDecision, status: number, reason: string | undefined, headers: Record<string, unknown>, httpVersion: string): void {
  try {
    void policy.reportResponse(decision.correlationId, apiResponseFrom(status, reason, headers, httpVersion), decision.node);
  } catch (e) {
    policy.logger.error(Codes.INTERNAL + ': could not report the response (' + describeError(e) + ') [X-CorrelationID ' + decision.correlationId + ']');
  }
}

/**
 * `(req, res, next)` middleware for node:http servers, Connect and Express. Blocked calls get 403
 * (503 when failClosed and ASE is unreachable) with {"error", "correlation_id"} and never reach the handler.
 */
export function piNodeMiddleware(policy: AsePolicy, options: PiMiddlewareOptions = {}) {
  return function piPolicyMiddleware(req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void {
    const call = readCall(policy, req, options);
    if (!call) {
      next();
      return;
    }
    policy.checkRequest(call).then(
      (decision) => {
        (req as PiRequest).piCorrelationId = decision.correlationId;
        if (decision.verdict === 'block') {
          const answer = blockedAnswer(decision);
          if (!res.headersSent) {
            res.statusCode = answer.status;
            res.setHeader('content-type', 'application/json; charset=utf-8');
            res.setHeader('content-length', Buffer.byteLength(answer.body));
            res.setHeader('cache-control', 'no-store');
          }
          res.end(answer.body);
          return;
        }
        if (expectsResponse(decision)) {
          res.once('finish', () => reportResponse(policy, decision, res.statusCode, res.statusMessage, res.getHeaders(), req.httpVersion));
        }
        next();
      },
      // checkRequest never rejects; if it ever did, the call goes on (fail-open).
      () => next()
    );
  };
}

/** The parts of a Fastify request the hooks use (structural, so the package does not depend on fastify). */
export interface FastifyRequestLike {
  raw: IncomingMessage;
}

/** The parts of a Fastify reply the hooks use. */
export interface FastifyReplyLike {
  code(statusCode: number): FastifyReplyLike;
  header(key: string, value: string): FastifyReplyLike;
  send(payload?: unknown): FastifyReplyLike;
  readonly statusCode: number;
  getHeaders(): Record<string, unknown>;
  raw: ServerResponse;
}

type FastifyHook = (request: FastifyRequestLike, reply: FastifyReplyLike) => Promise<unknown>;

/** The parts of a Fastify instance registerPiFastify uses. */
export interface FastifyLike {
  addHook(name: 'onRequest', hook: FastifyHook): unknown;
  addHook(name: 'onResponse', hook: FastifyHook): unknown;
}

/**
 * Adds an `onRequest` hook (checks the call, answers 403/503 when blocked) and an `onResponse` hook
 * (reports the response after it was sent) to a Fastify instance. Call it before declaring routes,
 * on the instance (or plugin scope) whose routes the policy guards.
 */
export function registerPiFastify(fastify: FastifyLike, policy: AsePolicy, options: PiMiddlewareOptions = {}): void {
  const decisions = new WeakMap<IncomingMessage, PolicyDecision>();

  fastify.addHook('onRequest', async (request, reply) => {
    const req = request.raw;
    const call = readCall(policy, req, options);
    if (!call) return;
    const decision = await policy.checkRequest(call);
    (req as PiRequest).piCorrelationId = decision.correlationId;
    if (decision.verdict === 'block') {
      const answer = blockedAnswer(decision);
      reply.code(answer.status).header('content-type', 'application/json; charset=utf-8').header('cache-control', 'no-store').send(answer.body);
      return reply;
    }
    if (expectsResponse(decision)) decisions.set(req, decision);
    return undefined;
  });

  fastify.addHook('onResponse', async (request, reply) => {
    const decision = decisions.get(request.raw);
    if (!decision) return;
    decisions.delete(request.raw);
    // reply.getHeaders(), not res.getHeaders(): Fastify passes its headers to writeHead directly.
    reportResponse(policy, decision, reply.statusCode, reply.raw.statusMessage, reply.getHeaders(), request.raw.httpVersion);
  });
}

export interface PiFastifyPluginOptions extends PiMiddlewareOptions {
  policy: AsePolicy;
}

/**
 * The same hooks as a Fastify plugin: `fastify.register(piFastifyPlugin, { policy })`. Marked like
 * fastify-plugin does (skip-override), so the hooks apply to the instance it is registered on.
 */
export const piFastifyPlugin = Object.assign(
  function piFastifyPlugin(fastify: FastifyLike, options: PiFastifyPluginOptions, done: (error?: Error) => void): void {
    try {
      const { policy, ...rest } = options;
      registerPiFastify(fastify, policy, rest);
      done();
    } catch (e) {
      done(e instanceof Error ? e : new Error(String(e)));
    }
  },
  { [Symbol.for('skip-override')]: true, [Symbol.for('fastify.display-name')]: 'pi-ase-policy' }
);
