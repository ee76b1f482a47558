// The middleware end to end: real Express, Fastify and node:http apps on loopback, a real ASE stand-in (Node).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startAseStandin, type AseStandin, type RecordedCall } from '../../standin/index';
import { createAsePolicy, piFastifyPlugin, piNodeMiddleware, registerPiFastify, type AsePolicy, type PiRequest } from '../../node/index';

/** The Fastify apps' route and listener, shared by both ways of registering the hooks. */
async function listenFastify(app: FastifyInstance): Promise<string> {
  app.get('/shop/items', async (request, reply) => {
    handlerRuns++;
    await beforeAnswer?.();
    reply.header('set-cookie', ['a=1', 'b=2']);
    return { correlationId: (request.raw as PiRequest).piCorrelationId };
  });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  closeApp = () => app.close();
  return base;
}
import { recordingLogger } from './recording-logger';

let ase: AseStandin;
let policy: AsePolicy;
let closeApp: (() => Promise<void>) | undefined;
/** How often the app's handler ran: a blocked call must leave it at 0. */
let handlerRuns = 0;
/** Awaited by every handler before it answers (a test can change ASE's behaviour mid-call). */
let beforeAnswer: (() => Promise<void>) | undefined;

beforeEach(async () => {
  ase = await startAseStandin({ name: 'primary', token: 'tok-ase', deny: { tokens: ['tok-denied'], usernames: ['mallory'] } });
  handlerRuns = 0;
  beforeAnswer = undefined;
});

afterEach(async () => {
  await closeApp?.();
  closeApp = undefined;
  await policy?.close();
  await ase.close();
});

function makePolicy(extra: Record<string, unknown> = {}): AsePolicy {
  policy = createAsePolicy({
    config: { aseToken: 'tok-ase', nodes: [{ name: 'primary', url: ase.url }], attemptTimeoutMs: 300, callBudgetMs: 600, ...extra },
    logger: recordingLogger()
  });
  return policy;
}

function listen(server: http.Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

async function serve(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  const base = await listen(server);
  closeApp = () => new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return base;
}

interface AppFactory {
  name: string;
  /** Starts an app with the policy in front of GET /shop/items (handler echoes req.piCorrelationId, sets two cookies). */
  start(policy: AsePolicy, identify?: (req: { headers: http.IncomingHttpHeaders }) => { username?: string }): Promise<string>;
}

const apps: AppFactory[] = [
  {
    name: 'Express',
    async start(policy, identify) {
      const app = express();
      app.use(piNodeMiddleware(policy, { identify }));
      const router = express.Router();
      router.get('/items', async (req, res) => {
        handlerRuns++;
        await beforeAnswer?.();
        res.cookie('a', '1').cookie('b', '2').json({ correlationId: (req as PiRequest).piCorrelationId });
      });
      // Mounted under a prefix: the middleware must send originalUrl, not the router's rewritten url.
      app.use('/shop', router);
      return serve(app);
    }
  },
  {
    name: 'Fastify (registerPiFastify)',
    async start(policy, identify) {
      const app = Fastify();
      // identify() gets the Fastify request (typed as such), which has the headers too.
      registerPiFastify(app, policy, { identify: identify && ((request: FastifyRequest) => identify(request)) });
      return listenFastify(app);
    }
  },
  {
    name: 'Fastify (piFastifyPlugin)',
    async start(policy, identify) {
      const app = Fastify();
      await app.register(piFastifyPlugin, { policy, identify: identify && ((request: FastifyRequest) => identify(request)) });
      return listenFastify(app);
    }
  },
  {
    name: 'node:http',
    async start(policy, identify) {
      const middleware = piNodeMiddleware(policy, { identify });
      return serve((req, res) => middleware(req, res, async () => {
        handlerRuns++;
        await beforeAnswer?.();
        res.setHeader('set-cookie', ['a=1', 'b=2']);
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ correlationId: (req as PiRequest).piCorrelationId }));
      }));
    }
  }
];

/** GET with raw header lines (fetch would fold a repeated header into one 'one, two' line). */
function getRaw(url: string, rawHeaders: string[]): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    // Raw (array) headers get no automatic Host: add it, as a client would.
    const headers = ['host', new URL(url).host, ...rawHeaders];
    const req = http.request(url, { method: 'GET', headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end();
  });
}

type Body = { headers: Array<Record<string, string>>; [key: string]: unknown };
const body = (call: RecordedCall) => call.body as Body;
const values = (call: RecordedCall, name: string) => body(call).headers.filter((h) => name in h).map((h) => h[name]);

for (const factory of apps) {
  describe(`middleware in a real ${factory.name} app`, () => {
    it('forwards an allowed call, then reports the response with the same X-CorrelationID', async () => {
      const base = await factory.start(makePolicy());
      const res = await getRaw(`${base}/shop/items?limit=10`, ['x-multi', 'one', 'x-multi', 'two', 'authorization', 'Bearer tok-ok']);
      expect(res.status).toBe(200);
      const { correlationId } = JSON.parse(res.text) as { correlationId: string };
      expect(handlerRuns).toBe(1);

      const [request, response] = await ase.waitForCalls(2);
      expect([request.path, response.path]).toEqual(['/ase/request', '/ase/response']);
      expect([request.status, response.status]).toEqual([200, 200]);
      expect(request.headers['x-correlationid']).toBe(correlationId);
      expect(response.headers['x-correlationid']).toBe(correlationId);
      expect(body(request)).toMatchObject({ source_ip: '127.0.0.1', method: 'GET', url: '/shop/items?limit=10', http_version: '1.1' });
      expect(body(request).headers[0]).toEqual({ host: base.replace('http://', '') });
      expect(values(request, 'x-multi')).toEqual(['one', 'two']);
      expect(body(request).user_info).toBeUndefined();
      expect(body(response)).toMatchObject({ response_code: '200', response_status: 'OK', http_version: '1.1' });
      expect(values(response, 'set-cookie')).toEqual([expect.stringMatching(/^a=1/), expect.stringMatching(/^b=2/)]);
      expect(values(response, 'content-type')[0]).toMatch(/^application\/json/);
    });

    it('blocks a deny-listed token with 403 before the handler runs; no response call', async () => {
      const base = await factory.start(makePolicy());
      const res = await fetch(`${base}/shop/items`, { headers: { authorization: 'Bearer tok-denied' } });
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const answer = (await res.json()) as { error: string; correlation_id: string };
      expect(answer.error).toBe('forbidden');
      expect(handlerRuns).toBe(0);
      await policy.close();
      expect(ase.calls.map((call) => [call.path, call.status])).toEqual([['/ase/request', 403]]);
      expect(ase.calls[0].headers['x-correlationid']).toBe(answer.correlation_id);
    });

    it('sends identify() as user_info, and ASE blocks a deny-listed username', async () => {
      const base = await factory.start(makePolicy(), (req) => ({ username: String(req.headers['x-user'] ?? '') }));
      expect((await fetch(`${base}/shop/items`, { headers: { 'x-user': 'alice' } })).status).toBe(200);
      expect((await fetch(`${base}/shop/items`, { headers: { 'x-user': 'mallory' } })).status).toBe(403);
      await policy.close();
      const requests = ase.calls.filter((call) => call.path === '/ase/request');
      expect(requests.map((call) => body(call).user_info)).toEqual([[{ username: 'alice' }], [{ username: 'mallory' }]]);
      expect(handlerRuns).toBe(1);
    });

    it('answers 503 with failClosed when ASE is unreachable, and forwards without it', async () => {
      await ase.setFaults({ mode: 'refuse' });
      const base = await factory.start(makePolicy({ failClosed: true }));
      const res = await fetch(`${base}/shop/items`);
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: string }).error).toBe('service_unavailable');
      expect(handlerRuns).toBe(0);
    });

    it('does not hold the client for the response call (ASE hangs once the handler runs)', async () => {
      const log = recordingLogger();
      policy = createAsePolicy({
        config: { aseToken: 'tok-ase', nodes: [{ name: 'primary', url: ase.url }], attemptTimeoutMs: 5000, callBudgetMs: 5000 },
        logger: log
      });
      const base = await factory.start(policy);
      // The request call is answered; then ASE stops answering, so /ase/response hangs for up to 5 s.
      beforeAnswer = () => ase.setFaults({ mode: 'hang' });
      const res = await fetch(`${base}/shop/items`);
      expect(res.status).toBe(200);
      await res.arrayBuffer();
      const [, response] = await ase.waitForCalls(2);
      expect(response).toMatchObject({ path: '/ase/response', fault: 'hang' });
      // The client has its answer while the response call is still unanswered: no response-phase decision yet.
      expect(log.lines.filter((line) => line.message.includes('/ase/response'))).toEqual([]);
      await ase.close(); // drops the hung socket: the background call ends now (ASE_RESET), not in 5 s
      await policy.close();
      expect(log.lines.some((line) => line.message.includes('/ase/response'))).toBe(true);
    });
  });
}

describe("identify() gets the framework's own request", () => {
  it("Express: the Request (req.header(), what an auth step set on it), and req.piCorrelationId needs no cast", async () => {
    const app = express();
    app.use((req, _res, next) => {
      (req as express.Request & { user?: { name: string } }).user = { name: 'mallory' };
      next();
    });
    app.use(
      piNodeMiddleware(makePolicy(), {
        identify: (req: express.Request & { user?: { name: string } }) => ({ username: req.user?.name, clientId: req.header('x-client') })
      })
    );
    app.get('/shop/items', (req, res) => void res.json({ correlationId: req.piCorrelationId }));
    const base = await serve(app);
    const res = await fetch(`${base}/shop/items`, { headers: { 'x-client': 'app-7' } });
    expect(res.status).toBe(403); // mallory is deny-listed
    const [request] = await ase.waitForCalls(1);
    expect(body(request).user_info).toEqual([{ username: 'mallory' }, { client_id: 'app-7' }]);
  });

  it('Fastify: the FastifyRequest (request.user from an earlier hook, request.id), piCorrelationId on request.raw', async () => {
    const app = Fastify();
    app.decorateRequest('user', null);
    app.addHook('onRequest', async (request) => {
      (request as FastifyRequest & { user: { name: string } | null }).user = { name: 'alice' };
    });
    const seen: string[] = [];
    registerPiFastify(app, makePolicy(), {
      identify: (request: FastifyRequest & { user: { name: string } | null }) => {
        seen.push(typeof request.id, typeof request.raw);
        return { username: request.user?.name };
      }
    });
    const base = await listenFastify(app);
    const res = await fetch(`${base}/shop/items`);
    expect(res.status).toBe(200);
    const { correlationId } = (await res.json()) as { correlationId: string };
    expect(seen).toEqual(['string', 'object']);
    const [request] = await ase.waitForCalls(1);
    expect(body(request).user_info).toEqual([{ username: 'alice' }]);
    expect(request.headers['x-correlationid']).toBe(correlationId);
  });
});
