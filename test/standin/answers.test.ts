// ASE stand-in answers per the sideband contract: 200, 401, 400, 403 per deny kind, 503, 404, and the call log (Node).
import { describe, expect, it } from 'vitest';
import { post, requestBody, responseBody, standinPerTest } from './standin-client';

/** Starts a stand-in for the current test; it is closed after the test. */
const start = standinPerTest();

describe('ASE stand-in answers', () => {
  it('listens on 127.0.0.1 with an ephemeral port and answers 200 allowed to a valid /ase/request', async () => {
    const ase = await start({ name: 'primary' });
    expect(ase.url).toBe(`http://127.0.0.1:${ase.port}`);
    expect(ase.port).toBeGreaterThan(0);
    expect(ase.name).toBe('primary');

    const answer = await post(ase.url, '/ase/request');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(answer.json).toEqual({ message: 'allowed' });

    const [call] = await ase.waitForCalls(1);
    expect(call).toMatchObject({ method: 'POST', path: '/ase/request', status: 200, reason: 'allowed', connectionId: 1 });
    expect(call.body).toEqual(requestBody());
    expect(call.rawBody).toBe(JSON.stringify(requestBody()));
    expect(call.headers['x-correlationid']).toBe('c0ffee00-0000-4000-8000-000000000001');
    expect(typeof call.receivedAt).toBe('number');
  });

  it('answers 200 to a valid /ase/response', async () => {
    const ase = await start();
    const answer = await post(ase.url, '/ase/response', { body: responseBody() });
    expect(answer.status).toBe(200);
    expect(ase.calls[0]).toMatchObject({ path: '/ase/response', status: 200, reason: 'allowed' });
  });

  it('checks ASE-Token when one is configured: 401 for a wrong or missing one, 200 for the right one', async () => {
    const ase = await start({ token: 's3cret' });
    expect((await post(ase.url, '/ase/request', { headers: { 'ase-token': 'wrong' } })).status).toBe(401);
    expect((await post(ase.url, '/ase/request')).status).toBe(401);
    expect((await post(ase.url, '/ase/response', { body: responseBody() })).status).toBe(401);
    expect((await post(ase.url, '/ase/request', { headers: { 'ASE-Token': 's3cret' } })).status).toBe(200);
    expect(ase.calls.map((call) => call.reason)).toEqual(['bad token', 'bad token (none sent)', 'bad token (none sent)', 'allowed']);
    // The token never appears in a reason (reasons end up in logs).
    expect(ase.calls.some((call) => call.reason.includes('wrong') || call.reason.includes('s3cret'))).toBe(false);
  });

  it('answers 400 with the zod reason to a body that breaks the schema', async () => {
    const ase = await start();
    const answer = await post(ase.url, '/ase/request', { body: requestBody({ source_ip: '1.2.3.4:5678' }) });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ message: expect.stringContaining('source_ip: source_ip must be a bare IPv4 or IPv6 address') });
    expect(ase.calls[0].reason).toMatch(/^invalid body: source_ip: /);

    const noHostFirst = await post(ase.url, '/ase/request', { body: requestBody({ headers: [{ 'user-agent': 'x' }, { host: 'h' }] }) });
    expect(noHostFirst.status).toBe(400);
    expect(ase.calls[1].reason).toContain('the first header is host');

    const badResponse = await post(ase.url, '/ase/response', { body: responseBody({ response_code: 200 }) });
    expect(badResponse.status).toBe(400);
    expect(ase.calls[2].reason).toMatch(/^invalid body: response_code: /);
  });

  it('answers 400 to invalid JSON (recording the raw string) and to a non-JSON content type', async () => {
    const ase = await start();
    expect((await post(ase.url, '/ase/request', { body: '{"source_ip":' })).status).toBe(400);
    expect(ase.calls[0].reason).toMatch(/^invalid body: not JSON/);
    expect(ase.calls[0].body).toBe('{"source_ip":');

    const form = await post(ase.url, '/ase/request', { headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(400);
    expect(ase.calls[1].reason).toContain('content-type is application/x-www-form-urlencoded');
  });

  it('answers 403 for each deny-list kind, with a reason that names no secret', async () => {
    const ase = await start({
      deny: {
        ips: ['198.51.100.9'],
        tokens: ['bad-jwt'],
        apiKeys: [{ header: 'X-API-Key', value: 'k-123' }],
        cookies: ['session=evil', 'lonely-value'],
        usernames: ['mallory']
      }
    });
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ source_ip: '198.51.100.9' }, 'denied ip 198.51.100.9'],
      [{ headers: [{ host: 'api.example.com' }, { authorization: 'Bearer bad-jwt' }] }, 'denied token'],
      [{ headers: [{ host: 'api.example.com' }, { 'x-api-key': 'k-123' }] }, 'denied api key x-api-key'],
      [{ headers: [{ host: 'api.example.com' }, { cookie: 'a=1; session=evil' }] }, 'denied cookie session'],
      [{ headers: [{ host: 'api.example.com' }, { cookie: 'theme=dark;sid=lonely-value' }] }, 'denied cookie sid'],
      [{ user_info: [{ client_id: 'app-1' }, { username: 'mallory' }] }, 'denied username mallory']
    ];
    for (const [overrides, reason] of cases) {
      const answer = await post(ase.url, '/ase/request', { body: requestBody(overrides) });
      expect(answer.status, reason).toBe(403);
    }
    expect(ase.calls.map((call) => call.reason)).toEqual(cases.map(([, reason]) => reason));
    expect(ase.calls.some((call) => /bad-jwt|k-123|evil|lonely-value/.test(call.reason))).toBe(false);
  });

  it('lets through near misses of the deny lists and follows setDeny', async () => {
    const ase = await start({ deny: { tokens: ['bad-jwt'], apiKeys: [{ header: 'x-api-key', value: 'k-123' }], cookies: ['session=evil'] } });
    const nearMisses = [
      requestBody({ headers: [{ host: 'h' }, { authorization: 'Basic bad-jwt' }] }),
      requestBody({ headers: [{ host: 'h' }, { 'x-other-key': 'k-123' }] }),
      requestBody({ headers: [{ host: 'h' }, { cookie: 'session=good' }] }),
      requestBody({ source_ip: '198.51.100.9', user_info: [{ username: 'mallory' }] })
    ];
    for (const body of nearMisses) expect((await post(ase.url, '/ase/request', { body })).status).toBe(200);

    ase.setDeny({ usernames: ['mallory'] });
    expect((await post(ase.url, '/ase/request', { body: nearMisses[3] })).status).toBe(403);
    ase.setDeny({});
    expect((await post(ase.url, '/ase/request', { body: nearMisses[3] })).status).toBe(200);
  });

  it('answers 503 when knownApis is set and host + url match none of them', async () => {
    const ase = await start({ knownApis: [{ host: 'api.example.com', pathPrefix: '/shop' }, { pathPrefix: '/anyhost' }] });
    const known = [
      requestBody(),
      requestBody({ headers: [{ host: 'API.example.com:8443' }] }),
      requestBody({ url: '/anyhost/x', headers: [{ host: 'other.example.org' }] })
    ];
    for (const body of known) expect((await post(ase.url, '/ase/request', { body })).status).toBe(200);

    const unknown = [requestBody({ url: '/bank' }), requestBody({ headers: [{ host: 'other.example.org' }] })];
    for (const body of unknown) expect((await post(ase.url, '/ase/request', { body })).status).toBe(503);
    expect(ase.calls.slice(3).map((call) => call.reason)).toEqual(['unknown api', 'unknown api']);

    // Response calls carry no host or url: they are never 503.
    expect((await post(ase.url, '/ase/response', { body: responseBody() })).status).toBe(200);
    ase.setKnownApis(undefined);
    expect((await post(ase.url, '/ase/request', { body: unknown[0] })).status).toBe(200);
  });

  it('answers 404 to every other path or method, and records those calls too', async () => {
    const ase = await start({ token: 't' });
    expect((await post(ase.url, '/ase/requests')).status).toBe(404);
    expect((await post(ase.url, '/v5/ase/sideband/token')).status).toBe(404);
    expect((await post(ase.url, '/ase/request', { method: 'GET' })).status).toBe(404);
    expect((await post(ase.url, '/ase/request', { method: 'PUT' })).status).toBe(404);
    expect(ase.calls.map((call) => `${call.method} ${call.path} ${call.status} ${call.reason}`)).toEqual([
      'POST /ase/requests 404 not found',
      'POST /v5/ase/sideband/token 404 not found',
      'GET /ase/request 404 not found',
      'PUT /ase/request 404 not found'
    ]);
  });

  it('keeps the log in order, clears it, and waitForCalls times out with a clear message', async () => {
    const ase = await start();
    await post(ase.url, '/ase/request');
    await post(ase.url, '/ase/response', { body: responseBody() });
    expect(ase.calls.map((call) => call.path)).toEqual(['/ase/request', '/ase/response']);
    const live = ase.calls;
    ase.clearCalls();
    expect(live).toHaveLength(0);
    await expect(ase.waitForCalls(1, 50)).rejects.toThrow('ase-standin: waited 50 ms for 1 call(s), got 0');

    const waiting = ase.waitForCalls(2);
    await post(ase.url, '/ase/request');
    await post(ase.url, '/ase/request');
    expect(await waiting).toHaveLength(2);
  });

  it('reports each call to onCall, and survives an onCall that throws', async () => {
    const seen: string[] = [];
    const ase = await start({
      onCall: (call) => {
        seen.push(`${call.status} ${call.reason}`);
        throw new Error('observer bug');
      }
    });
    expect((await post(ase.url, '/ase/request')).status).toBe(200);
    expect((await post(ase.url, '/nope')).status).toBe(404);
    expect(seen).toEqual(['200 allowed', '404 not found']);
  });

  it('with recordCalls off keeps no log but still reports every call to onCall', async () => {
    let seen = 0;
    const ase = await start({ recordCalls: false, onCall: () => (seen += 1) });
    expect((await post(ase.url, '/ase/request')).status).toBe(200);
    expect(seen).toBe(1);
    expect(ase.calls).toHaveLength(0);
    await expect(ase.waitForCalls(1)).rejects.toThrow('waitForCalls needs recordCalls');
  });
});
