// The middleware's entry guard (Node): whatever throws inside node:http and Fastify handling is one POLICY_INTERNAL line, and the call goes on.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { piNodeMiddleware, registerPiFastify, type AsePolicy, type FastifyLike, type FastifyReplyLike, type FastifyRequestLike, type PolicyDecision } from '../../node/index';
import { recordingLogger } from './recording-logger';

const request = (): IncomingMessage =>
  ({ method: 'GET', url: '/shop/items', httpVersion: '1.1', rawHeaders: ['Host', 'api.example.com'], socket: { remoteAddress: '203.0.113.7', remotePort: 1 } }) as unknown as IncomingMessage;

/** A decision whose verdict throws when read: a stand-in for any bug while applying one. */
function explodingDecision(): PolicyDecision {
  return {
    clientStatus: 0, code: 'ASE_ALLOWED', node: 'primary', aseStatus: 200, attempts: 1, log: null, correlationId: 'c1',
    get verdict(): 'allow' { throw new Error('verdict unreadable'); }
  } as PolicyDecision;
}

function fakePolicy(decision: PolicyDecision, reported: string[] = []) {
  const logger = recordingLogger();
  const policy = {
    logger,
    checkRequest: async () => decision,
    reportResponse: async (correlationId: string) => {
      reported.push(correlationId);
      return decision;
    }
  } as unknown as AsePolicy;
  return { policy, logger };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('piNodeMiddleware under the entry guard', () => {
  it('logs a throw while applying the decision once, as POLICY_INTERNAL, and calls next() once', async () => {
    const { policy, logger } = fakePolicy(explodingDecision());
    let nextCalls = 0;
    piNodeMiddleware(policy)(request(), {} as ServerResponse, () => nextCalls++);
    await tick();
    expect(nextCalls).toBe(1);
    expect(logger.lines).toEqual([{ level: 'error', message: 'POLICY_INTERNAL: piNodeMiddleware failed (Error: verdict unreadable); call forwarded' }]);
  });

  it('forwards the call when the policy throws instead of resolving (POLICY_INTERNAL, next() once)', async () => {
    const { policy, logger } = fakePolicy(explodingDecision());
    policy.checkRequest = () => {
      throw new RangeError('not a policy');
    };
    let nextCalls = 0;
    piNodeMiddleware(policy)(request(), {} as ServerResponse, () => nextCalls++);
    await tick();
    expect(nextCalls).toBe(1);
    expect(logger.lines.map((l) => l.message)).toEqual(['POLICY_INTERNAL: piNodeMiddleware failed (RangeError: not a policy); call forwarded']);
  });

  it('forwards an unreadable request with HOST_READ, without a sideband call', async () => {
    const { policy, logger } = fakePolicy(explodingDecision());
    let nextCalls = 0;
    const unreadable = { get method(): string { throw new Error('no method'); } } as unknown as IncomingMessage;
    piNodeMiddleware(policy)(unreadable, {} as ServerResponse, () => nextCalls++);
    await tick();
    expect(nextCalls).toBe(1);
    expect(logger.lines.map((l) => l.message)).toEqual(['HOST_READ: could not read the request (Error: no method); call forwarded without a sideband call']);
  });
});

describe('registerPiFastify under the entry guard', () => {
  type Hook = (request: FastifyRequestLike, reply: FastifyReplyLike) => Promise<unknown>;
  /** What Fastify hands the hooks: its request around the raw one. */
  const fastifyRequest = (raw: IncomingMessage): FastifyRequestLike => ({ raw, headers: raw.headers });

  function hooksOf(policy: AsePolicy): Record<string, Hook> {
    const hooks: Record<string, Hook> = {};
    const fastify = { addHook: (name: string, hook: Hook) => (hooks[name] = hook) } as unknown as FastifyLike;
    registerPiFastify(fastify, policy);
    return hooks;
  }

  it('onRequest: a throw while applying the decision is one POLICY_INTERNAL line, and the route runs', async () => {
    const { policy, logger } = fakePolicy(explodingDecision());
    const result = await hooksOf(policy).onRequest(fastifyRequest(request()), {} as FastifyReplyLike);
    expect(result).toBeUndefined();
    expect(logger.lines).toEqual([{ level: 'error', message: 'POLICY_INTERNAL: the Fastify onRequest hook failed (Error: verdict unreadable); call forwarded' }]);
  });

  it('onResponse: a throw while reading the reply is one POLICY_INTERNAL line, never a rejection', async () => {
    const allowed = { verdict: 'allow', clientStatus: 0, code: 'ASE_ALLOWED', node: 'primary', aseStatus: 200, attempts: 1, log: null, correlationId: 'c2' } as PolicyDecision;
    const reported: string[] = [];
    const { policy, logger } = fakePolicy(allowed, reported);
    const hooks = hooksOf(policy);
    const raw = request();
    expect(await hooks.onRequest(fastifyRequest(raw), {} as FastifyReplyLike)).toBeUndefined();
    const reply = { statusCode: 200, raw: { statusMessage: 'OK' }, getHeaders: () => { throw new Error('headers gone'); } } as unknown as FastifyReplyLike;
    await expect(hooks.onResponse(fastifyRequest(raw), reply)).resolves.toBeUndefined();
    expect(reported).toEqual([]);
    expect(logger.lines).toEqual([{ level: 'error', message: 'POLICY_INTERNAL: the Fastify onResponse hook failed (Error: headers gone); call forwarded' }]);
  });
});
