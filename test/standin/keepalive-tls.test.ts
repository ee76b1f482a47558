// ASE stand-in transport: keep-alive reuse (connectionId), Connection: close, and HTTPS with a test-time cert (Node).
import { Client } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { startAseStandin } from '../../standin/index';
import type { AseStandin, StandinOptions } from '../../standin/index';
import { hasOpenssl, makeSelfSignedCert } from './self-signed-cert';
import { post, responseBody } from './standin-client';

let standin: AseStandin | undefined;
const clients: Client[] = [];

async function start(options: StandinOptions = {}): Promise<AseStandin> {
  standin = await startAseStandin(options);
  return standin;
}

function client(url: string, options: ConstructorParameters<typeof Client>[1] = {}): Client {
  const made = new Client(url, options);
  clients.push(made);
  return made;
}

afterEach(async () => {
  for (const made of clients.splice(0)) await made.destroy();
  await standin?.close();
  standin = undefined;
});

describe('ASE stand-in keep-alive', () => {
  it('answers keep-alive and serves the request and response calls on one connection', async () => {
    const ase = await start();
    const pooled = client(ase.url);
    const first = await post(ase.url, '/ase/request', { client: pooled, headers: { connection: 'keep-alive' } });
    const second = await post(ase.url, '/ase/response', { client: pooled, body: responseBody() });
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(first.headers.connection).toBe('keep-alive');
    expect(first.headers['keep-alive']).toBe('timeout=60');
    const [a, b] = ase.calls;
    expect(a.connectionId).toBe(b.connectionId);
  });

  it('gives each TCP connection its own id, and closes when the client asks for Connection: close', async () => {
    const ase = await start();
    await post(ase.url, '/ase/request', { client: client(ase.url) });
    await post(ase.url, '/ase/request', { client: client(ase.url) });
    expect(ase.calls[0].connectionId).not.toBe(ase.calls[1].connectionId);

    const once = client(ase.url);
    const closing = await post(ase.url, '/ase/request', { client: once, headers: { connection: 'close' } });
    expect(closing.headers.connection).toBe('close');
    await post(ase.url, '/ase/request', { client: once });
    expect(new Set(ase.calls.map((call) => call.connectionId)).size).toBe(4);
  });
});

describe('ASE stand-in over HTTPS', () => {
  it('serves the contract over TLS with a self-signed certificate the client trusts', async (ctx) => {
    if (!hasOpenssl()) ctx.skip('openssl CLI not found on PATH: Node cannot create an X.509 certificate by itself');
    const { key, cert } = makeSelfSignedCert();
    const ase = await start({ tls: { key, cert }, token: 'tls-token' });
    expect(ase.url).toBe(`https://127.0.0.1:${ase.port}`);

    const pooled = client(ase.url, { connect: { ca: cert } });
    const first = await post(ase.url, '/ase/request', { client: pooled, headers: { 'ase-token': 'tls-token' } });
    const second = await post(ase.url, '/ase/request', { client: pooled });
    expect([first.status, second.status]).toEqual([200, 401]);
    expect(ase.calls[0].connectionId).toBe(ase.calls[1].connectionId);

    // An untrusting client fails the handshake: the certificate really is the self-signed one.
    await expect(post(ase.url, '/ase/request', { client: client(ase.url) })).rejects.toThrow(/self[- ]signed/i);

    await ase.setFaults({ mode: 'reset' });
    await expect(post(ase.url, '/ase/request', { ca: cert })).rejects.toThrow(/ECONNRESET/);
    await ase.setFaults({ mode: 'garbage' });
    await expect(post(ase.url, '/ase/request', { ca: cert })).rejects.toThrow(/HTTP/);
    await ase.setFaults({ mode: 'refuse' });
    await expect(post(ase.url, '/ase/request', { ca: cert })).rejects.toThrow(/ECONNREFUSED/);
    await ase.setFaults({});
    expect((await post(ase.url, '/ase/request', { ca: cert, headers: { 'ase-token': 'tls-token' } })).status).toBe(200);
  });
});
