// Node middleware: node:http / Express (req, res, next) and Fastify hooks over one AsePolicy (Node).
//
// Both share apiCallFromRequest (the one IncomingMessage -> ApiCall conversion), the core's blocked
// answer and its entry guard. The response metadata goes to ASE after the response finished, never delaying it.

import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { PolicyLogger } from '../policies/core/host';
import { Codes, describeError } from '../policies/core/errors';
import { guardEntry } from '../policies/core/entry-guard';
import { clientAnswer, type ClientAnswer } from '../policies/core/phases';
import type { ApiCall } from '../policies/core/api-call';
import type { AsePolicy, PolicyDecision } from './node-host';
import { apiCallFromRequest, apiResponseFrom, type CallerIdentity, type IncomingCallOptions } from './incoming-call';

/** Options of piNodeMiddleware; Req is the request type identify() gets (Express: `Request`). */
export type PiMiddlewareOptions<Req extends IncomingMessage = IncomingMessage> = IncomingCallOptions<Req>;

declare module 'http' {
  interface IncomingMessage {
    /**
     * The X-CorrelationID of this call's ASE sideband messages, for your logs: set by piNodeMiddleware
     * (so on Express's `req`) and by the Fastify hooks on `request.raw`. Undefined before the policy ran.
     */
    piCorrelationId?: string;
  }
}

/** The request as the app sees it after the middleware (IncomingMessage carries piCorrelationId now: kept for existing code). */
export type PiRequest = IncomingMessage & { piCorrelationId?: string };

/**
 * The answer the client gets when the call is stopped, the same on every host: 403 (ASE blocked
 * it) or 503 (failClosed, ASE unreachable), JSON {"error", "message", "correlation_id"}.
 */
export function blockedAnswer(decision: PolicyDecision): ClientAnswer {
  return clientAnswer(decision, decision.correlationId);
}

/** True when /ase/request went out (or was attempted), so ASE expects the matching /ase/response. */
function expectsResponse(decision: PolicyDecision): boolean {
  return decision.verdict === 'allow' && decision.code !== Codes.CLIENT_IP_UNKNOWN && decision.code !== Codes.INTERNAL;
}

/** The request as read and the object identify() gets (the Fastify request around the raw one). */
interface Incoming<Req> {
  raw: IncomingMessage;
  subject: Req;
}

/** The call, or null (logged) when the request cannot be read: then the request is forwarded unchecked. */
function readCall<Req>(incoming: Incoming<Req>, options: IncomingCallOptions<Req>, log: PolicyLogger): ApiCall | null {
  try {
    // An empty correlationId: the policy draws one and returns it on the decision.
    return apiCallFromRequest(incoming.raw, '', options, log, incoming.subject);
  } catch (e) {
    log.error(Codes.HOST_READ + ': could not read the request (' + describeError(e) + '); call forwarded without a sideband call');
    return null;
  }
}

/** What the guarded steps need besides the request: the policy (and its logger) and the middleware's options. */
interface Setup<Req> {
  policy: AsePolicy;
  options: IncomingCallOptions<Req>;
}

/** Reads the call and starts its check: the decision to come, or null (logged) to forward the call unchecked. */
function startCheck<Req>(incoming: Incoming<Req>, setup: Setup<Req>): Promise<PolicyDecision> | null {
  const call = readCall(incoming, setup.options, setup.policy.logger);
  return call ? setup.policy.checkRequest(call) : null;
}

/** Sends the response metadata once the app answered; the client is not held for it. */
function reportResponse(policy: AsePolicy, decision: PolicyDecision, status: number, reason: string | undefined, headers: Record<string, unknown>, httpVersion: string): void {
  void policy.reportResponse(decision.correlationId, apiResponseFrom(status, reason, headers, httpVersion), decision.node);
}

/** Names of the guarded entries, for the POLICY_INTERNAL line. */
const NODE_ENTRY = 'piNodeMiddleware';
const FASTIFY_REQUEST = 'the Fastify onRequest hook';
const FASTIFY_RESPONSE = 'the Fastify onResponse hook';

type Step = 'answered' | 'forward';

/** Applies a decision on node:http: answers a blocked call, or arranges the response report and forwards. */
function applyNodeDecision(decision: PolicyDecision, exchange: { policy: AsePolicy; req: IncomingMessage; res: ServerResponse }): Step {
  const { policy, req, res } = exchange;
  req.piCorrelationId = decision.correlationId;
  if (decision.verdict === 'block') {
    const answer = blockedAnswer(decision);
    if (!res.headersSent) {
      res.statusCode = answer.status;
      res.setHeader('content-type', answer.contentType);
      res.setHeader('content-length', Buffer.byteLength(answer.body));
      res.setHeader('cache-control', 'no-store');
    }
    res.end(answer.body);
    return 'answered';
  }
  if (expectsResponse(decision)) {
    res.once('finish', () => {
      guardEntry(NODE_ENTRY, policy.logger, reportNodeResponse, policy, { decision, req, res }, undefined);
    });
  }
  return 'forward';
}

function reportNodeResponse(policy: AsePolicy, sent: { decision: PolicyDecision; req: IncomingMessage; res: ServerResponse }): void {
  reportResponse(policy, sent.decision, sent.res.statusCode, sent.res.statusMessage, sent.res.getHeaders(), sent.req.httpVersion);
}

/**
 * `(req, res, next)` middleware for node:http servers, Connect and Express. Blocked calls get 403
 * (503 when failClosed and ASE is unreachable) with {"error", "message", "correlation_id"} and never
 * reach the handler. Every step runs in the core's entry guard: a throw is logged as POLICY_INTERNAL
 * and the call goes on; next() is always called outside the guard, so the app's own errors stay its own.
 */
export function piNodeMiddleware<Req extends IncomingMessage = IncomingMessage>(policy: AsePolicy, options: PiMiddlewareOptions<Req> = {}) {
  const setup: Setup<Req> = { policy, options };
  return function piPolicyMiddleware(req: Req, res: ServerResponse, next: (error?: unknown) => void): void {
    const log = policy.logger;
    const checking = guardEntry(NODE_ENTRY, log, startCheck, { raw: req, subject: req }, setup, null);
    if (!checking) {
      next();
      return;
    }
    checking.then(
      (decision) => {
        if (guardEntry(NODE_ENTRY, log, applyNodeDecision, decision, { policy, req, res }, 'forward') === 'forward') next();
      },
      // checkRequest never rejects; if it ever did, the call goes on (fail-open).
      () => next()
    );
  };
}

/** The parts of a Fastify request the hooks use (structural, so the package does not depend on fastify). */
export interface FastifyRequestLike {
  raw: IncomingMessage;
  /** Not read by the hooks: listed so that an identify() written without a request type can read the headers. */
  headers: IncomingHttpHeaders;
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
 * Options of the Fastify hooks. identify() gets the Fastify request (where @fastify/jwt and the like
 * put `request.user`); Req is its type, e.g. `registerPiFastify<FastifyRequest>(...)`. Declared as a
 * method so the plugin form also takes an identify written for FastifyRequest.
 */
export interface PiFastifyOptions<Req extends FastifyRequestLike = FastifyRequestLike> {
  identify?(request: Req): CallerIdentity | null | undefined;
  /** The API's host name, sent to ASE when a request has no Host header. */
  fallbackHost?: string;
}

/**
 * Adds an `onRequest` hook (checks the call, answers 403/503 when blocked) and an `onResponse` hook
 * (reports the response after it was sent) to a Fastify instance. Call it before declaring routes,
 * on the instance (or plugin scope) whose routes the policy guards.
 */
export function registerPiFastify<Req extends FastifyRequestLike = FastifyRequestLike>(fastify: FastifyLike, policy: AsePolicy, options: PiFastifyOptions<Req> = {}): void {
  // identify() is a method on PiFastifyOptions (bivariant, for the plugin form); the steps take it as IncomingCallOptions.
  const setup: Setup<Req> = { policy, options: options as IncomingCallOptions<Req> };
  const decisions = new WeakMap<IncomingMessage, PolicyDecision>();

  /** Answers a blocked call (returns the reply: Fastify stops there), or remembers the decision for onResponse. */
  function applyFastifyDecision(decision: PolicyDecision, request: FastifyRequestLike, reply: FastifyReplyLike): FastifyReplyLike | undefined {
    const req = request.raw;
    req.piCorrelationId = decision.correlationId;
    if (decision.verdict === 'block') {
      const answer = blockedAnswer(decision);
      reply.code(answer.status).header('content-type', answer.contentType).header('cache-control', 'no-store').send(answer.body);
      return reply;
    }
    if (expectsResponse(decision)) decisions.set(req, decision);
    return undefined;
  }

  function reportFastifyResponse(request: FastifyRequestLike, reply: FastifyReplyLike): void {
    const decision = decisions.get(request.raw);
    if (!decision) return;
    decisions.delete(request.raw);
    // reply.getHeaders(), not res.getHeaders(): Fastify passes its headers to writeHead directly.
    reportResponse(policy, decision, reply.statusCode, reply.raw.statusMessage, reply.getHeaders(), request.raw.httpVersion);
  }

  fastify.addHook('onRequest', async (request, reply) => {
    const log = policy.logger;
    // The hook is typed over FastifyRequestLike; Fastify passes its full request, which Req describes.
    const checking = guardEntry(FASTIFY_REQUEST, log, startCheck, { raw: request.raw, subject: request as Req }, setup, null);
    if (!checking) return undefined;
    // checkRequest never rejects; if it ever did, the call goes on (fail-open).
    const decision = await checking.catch(() => null);
    if (!decision) return undefined;
    return guardEntry(FASTIFY_REQUEST, log, (d: PolicyDecision) => applyFastifyDecision(d, request, reply), decision, null, undefined);
  });

  fastify.addHook('onResponse', async (request, reply) => {
    guardEntry(FASTIFY_RESPONSE, policy.logger, reportFastifyResponse, request, reply, undefined);
  });
}

export interface PiFastifyPluginOptions extends PiFastifyOptions {
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
