// ASE stand-in faults: refuse (and recovery on the same port), reset, garbage, status, delay, hang, close() (Node).
import { performance } from 'node:perf_hooks';
import { Client } from 'undici';
import { describe, expect, it } from 'vitest';
import { startAseStandin } from '../../standin/index';
import { post, standinPerTest } from './standin-client';

/** Starts a stand-in for the current test; it is closed after the test. */
const start = standinPerTest();

/** The error a failed call rejects with, with its `code` (and its cause's code) for matching. */
async function failure(call: Promise<unknown>): Promise<{ name: string; code: string; message: string }> {
  try {
    await call;
  } catch (error) {
    const e = error as Error & { code?: string; cause?: { code?: string } };
    return { name: e.name, code: e.code ?? e.cause?.code ?? '', message: e.message };
  }
  throw new Error('expected the call to fail');
}

describe('ASE stand-in faults', () => {
  it('refuse: connections are refused until the fault changes, then the same port answers again', async () => {
    const ase = await start();
    expect((await post(ase.url, '/ase/request')).status).toBe(200);

    await ase.setFaults({ mode: 'refuse' });
    const refused = await failure(post(ase.url, '/ase/request'));
    expect(refused.code).toBe('ECONNREFUSED');

    await ase.setFaults({ mode: 'none' });
    expect((await post(ase.url, '/ase/request')).status).toBe(200);
    expect(ase.url).toBe(`http://127.0.0.1:${ase.port}`);
    expect(ase.calls.map((call) => call.status)).toEqual([200, 200]);
  });

  it('refuse from the start still reserves a port, and close() works while refusing', async () => {
    const ase = await start({ faults: { mode: 'refuse' } });
    expect(ase.port).toBeGreaterThan(0);
    expect((await failure(post(ase.url, '/ase/request'))).code).toBe('ECONNREFUSED');
    await ase.setFaults({});
    expect((await post(ase.url, '/ase/request')).status).toBe(200);
    await ase.setFaults({ mode: 'refuse' });
    await ase.close();
  });

  it('refuse drops the idle keep-alive sockets too', async () => {
    const ase = await start();
    const client = new Client(ase.url);
    try {
      expect((await post(ase.url, '/ase/request', { client })).status).toBe(200);
      await ase.setFaults({ mode: 'refuse' });
      await expect(post(ase.url, '/ase/request', { client })).rejects.toThrow();
    } finally {
      await client.destroy();
    }
  });

  it('reset: the connection is reset after the request arrives; the call is recorded as a fault', async () => {
    const ase = await start({ faults: { mode: 'reset' } });
    const reset = await failure(post(ase.url, '/ase/request'));
    expect(reset.code).toBe('ECONNRESET'); // a real RST, not a polite FIN
    expect(ase.calls[0]).toMatchObject({ path: '/ase/request', status: 0, reason: 'fault', fault: 'reset' });
  });

  it('garbage: a non-HTTP answer makes the client fail to parse', async () => {
    const ase = await start({ faults: { mode: 'garbage' } });
    const garbage = await failure(post(ase.url, '/ase/request'));
    expect(garbage.name).toBe('HTTPParserError');
    expect(ase.calls[0]).toMatchObject({ status: 0, reason: 'fault', fault: 'garbage' });
  });

  it('status: every call gets the configured status, whatever its validity', async () => {
    const ase = await start();
    await ase.setFaults({ mode: 'status', status: 502 });
    expect((await post(ase.url, '/ase/request')).status).toBe(502);
    expect((await post(ase.url, '/nope')).status).toBe(502);
    await ase.setFaults({ mode: 'status' });
    expect((await post(ase.url, '/ase/request')).status).toBe(500);
    expect(ase.calls.map((call) => `${call.status} ${call.reason}`)).toEqual(['502 fault', '502 fault', '500 fault']);
  });

  it('rejects a malformed fault with a message naming the field', async () => {
    const ase = await start();
    await expect(ase.setFaults({ mode: 'status', status: 42 })).rejects.toThrow('fault.status');
    await expect(ase.setFaults({ mode: 'boom' as 'none' })).rejects.toThrow('fault.mode must be one of');
    // A rejected fault leaves the previous one in force.
    expect((await post(ase.url, '/ase/request')).status).toBe(200);
    await expect(startAseStandin({ faults: { delayMs: -1 } })).rejects.toThrow('fault.delayMs');
  });

  it('delay: the answer comes no earlier than delayMs; a client that gives up sooner times out', async () => {
    const ase = await start({ faults: { delayMs: 300 } });
    const gaveUp = await failure(post(ase.url, '/ase/request', { signal: AbortSignal.timeout(20) }));
    expect(gaveUp.name).toMatch(/TimeoutError|AbortError/);

    const started = performance.now();
    const answer = await post(ase.url, '/ase/request');
    expect(answer.status).toBe(200);
    // A lower bound only: the server cannot have answered before its timer fired (1 ms timer slack).
    expect(performance.now() - started).toBeGreaterThanOrEqual(299);
  });

  it('hang: the call is recorded but never answered; the client times out; close() still ends', async () => {
    const ase = await start({ faults: { mode: 'hang' } });
    const hung = await failure(post(ase.url, '/ase/request', { signal: AbortSignal.timeout(150) }));
    expect(hung.name).toMatch(/TimeoutError|AbortError/);
    expect(ase.calls[0]).toMatchObject({ status: 0, reason: 'fault', fault: 'hang' });

    // A second hung call left pending: close() must destroy its socket rather than wait for it.
    const pending = failure(post(ase.url, '/ase/request'));
    await ase.waitForCalls(2);
    await ase.close();
    expect((await pending).code).toMatch(/UND_ERR_SOCKET|ECONNRESET/);
  });

  it('close() ends promptly with idle keep-alive sockets and pending delayed answers', async () => {
    const ase = await start();
    const client = new Client(ase.url);
    try {
      expect((await post(ase.url, '/ase/request', { client })).status).toBe(200);
      await ase.setFaults({ delayMs: 60_000 });
      const delayed = failure(post(ase.url, '/ase/request'));
      await ase.waitForCalls(2);
      await ase.close(); // would take 60 s (keep-alive timeout and the delay) if it waited
      expect((await delayed).code).toMatch(/UND_ERR_SOCKET|ECONNRESET/);
      await expect(ase.waitForCalls(3)).rejects.toThrow('closed with 2 of 3 call(s)');
      await ase.close(); // idempotent
    } finally {
      await client.destroy();
    }
  });
});
