// ASE stand-in faults that answer in part: stall-headers, stall-body, slow-drip, huge; the health URL; load() counts (Node).
import { Client } from 'undici';
import { describe, expect, it } from 'vitest';
import { HUGE_BODY_BYTES } from '../../standin/fault';
import { post, standinPerTest } from './standin-client';

const start = standinPerTest();

/** Status and headers of one call, and what became of its body within `ms`. */
async function head(url: string, ms: number): Promise<{ status: number; length: number; bodyBytes: number; ended: boolean }> {
  const client = new Client(url);
  try {
    const response = await client.request({ path: '/ase/request', method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    let bodyBytes = 0;
    let ended = false;
    response.body.on('data', (chunk: Buffer) => (bodyBytes += chunk.length));
    response.body.on('end', () => (ended = true));
    response.body.on('error', () => undefined);
    await new Promise((resolve) => setTimeout(resolve, ms));
    return { status: response.statusCode, length: Number(response.headers['content-length']), bodyBytes, ended };
  } finally {
    await client.destroy();
  }
}

describe('ASE stand-in body faults', () => {
  it('stall-body: the contract status and headers, half the body, then nothing', async () => {
    const ase = await start({ faults: { mode: 'stall-body' }, deny: { ips: ['203.0.113.7'] } });
    const got = await head(ase.url, 150);
    expect(got.status).toBe(400); // '{}' is not a valid body: the contract still decides the status
    expect(got.bodyBytes).toBe(Math.floor(got.length / 2));
    expect(got.ended).toBe(false);
    expect(ase.calls[0]).toMatchObject({ status: 400, fault: 'stall-body' });
  });

  it('slow-drip: the body comes one byte per delayMs', async () => {
    const ase = await start({ faults: { mode: 'slow-drip', delayMs: 40 } });
    const got = await head(ase.url, 130);
    expect(got.status).toBe(400);
    expect(got.bodyBytes).toBeGreaterThanOrEqual(1);
    expect(got.bodyBytes).toBeLessThan(got.length);
  });

  it('huge: a 10 MB body after the status', async () => {
    const ase = await start({ faults: { mode: 'huge' } });
    const got = await head(ase.url, 50);
    expect(got.length).toBe(HUGE_BODY_BYTES);
  });

  it('stall-headers: half a header, then nothing: the client never gets a status', async () => {
    const ase = await start({ faults: { mode: 'stall-headers' } });
    await expect(post(ase.url, '/ase/request', { signal: AbortSignal.timeout(150) })).rejects.toThrow();
    expect(ase.calls[0]).toMatchObject({ status: 0, fault: 'stall-headers' });
  });

  it('answers GET /ase (the health URL) with 200, and load() counts calls and connections in flight', async () => {
    const ase = await start({ faults: { mode: 'none' } });
    expect((await post(ase.url, '/ase', { method: 'GET' })).status).toBe(200);
    await ase.setFaults({ mode: 'hang' });
    const clients = [new Client(ase.url), new Client(ase.url), new Client(ase.url)];
    const hung = clients.map((client) => post(ase.url, '/ase/request', { client }).catch(() => undefined));
    await ase.waitForCalls(4);
    expect(ase.load()).toMatchObject({ inFlight: 3, peakInFlight: 3, connections: 3, peakConnections: 3 });
    await Promise.all(clients.map((client) => client.destroy()));
    await Promise.all(hung);
    // The stand-in sees the sockets close a moment later: wait for it (bounded), then check.
    for (let i = 0; i < 100 && ase.load().connections > 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ase.load()).toMatchObject({ inFlight: 0, connections: 0, peakInFlight: 3 });
  });
});
