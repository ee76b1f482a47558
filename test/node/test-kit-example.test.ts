// Example (Node, vitest): testing an app's PingIntelligence policy with the test kit, as a user would. Quoted in the README.
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, expect, it } from 'vitest';
import { createAsePolicy, piNodeMiddleware } from '../../node/index'; // in an app: 'pi-api-akana-policy/node'
import { mockAse, testCall, testResponse, type MockAse } from '../../node/test-kit'; // 'pi-api-akana-policy/node/test-kit'

const PRIMARY = 'http://ase-primary.test:8000';
const SECONDARY = 'http://ase-secondary.test:8000';
const config = {
  aseToken: 'sideband-token',
  nodes: [{ name: 'primary', url: PRIMARY }, { name: 'secondary', url: SECONDARY }]
};

let ase: MockAse;
afterEach(() => ase.restore());

it('blocks a deny-listed bearer token', async () => {
  ase = mockAse({ nodes: [PRIMARY, SECONDARY], token: 'sideband-token', deny: { tokens: ['stolen-token'] } });
  const policy = createAsePolicy({ config });

  const decision = await policy.checkRequest(testCall({ headers: { host: 'api.example.com', authorization: 'Bearer stolen-token' } }));
  await policy.close();

  expect(decision).toMatchObject({ verdict: 'block', clientStatus: 403, code: 'ASE_BLOCKED', node: 'primary' });
  ase.assertDone(); // throws if ASE never got the call, or a call matched no mock
});

it('fails over to the secondary and sends the response call there, with the same correlation id', async () => {
  ase = mockAse({ nodes: [PRIMARY, SECONDARY], down: [PRIMARY], expect: ['/ase/request', '/ase/response'] });
  const policy = createAsePolicy({ config, logger: { warn: () => {}, error: () => {}, debug: () => {} } });

  const decision = await policy.checkRequest(testCall({ username: 'alice' }));
  await policy.reportResponse(decision.correlationId, testResponse({ status: 201 }), decision.node);
  await policy.close();

  expect(decision).toMatchObject({ verdict: 'allow', code: 'ASE_ALLOWED', node: 'secondary' });
  expect(ase.refused).toEqual([{ node: PRIMARY, path: '/ase/request' }]);
  expect(ase.calls.map((call) => [call.node, call.path, call.headers['x-correlationid']])).toEqual([
    [SECONDARY, '/ase/request', decision.correlationId],
    [SECONDARY, '/ase/response', decision.correlationId]
  ]);
  expect(ase.calls[0].body).toMatchObject({ user_info: [{ username: 'alice' }] });
  ase.assertDone();
});

it('an Express app answers 403 to a deny-listed token and never runs the handler', async () => {
  // Let the test reach the app on loopback; ASE stays mocked.
  ase = mockAse({ nodes: [PRIMARY, SECONDARY], deny: { tokens: ['stolen-token'] }, allowNetConnect: '127.0.0.1' });
  const policy = createAsePolicy({ config });
  let handled = 0;
  const app = express();
  app.use(piNodeMiddleware(policy));
  app.get('/orders', (_req, res) => {
    handled++;
    res.json([]);
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  try {
    const blocked = await fetch(`${base}/orders`, { headers: { authorization: 'Bearer stolen-token' } });
    const allowed = await fetch(`${base}/orders`, { headers: { authorization: 'Bearer good-token' } });
    expect(blocked.status).toBe(403);
    expect(await blocked.json()).toMatchObject({ error: 'forbidden' });
    expect(allowed.status).toBe(200);
    expect(handled).toBe(1);
  } finally {
    server.close();
    await policy.close(); // waits for the response call of the allowed request
  }
  expect(ase.calls.map((call) => [call.path, call.status])).toEqual([
    ['/ase/request', 403],
    ['/ase/request', 200],
    ['/ase/response', 200]
  ]);
  ase.assertDone();
});
