// TLS to ASE from the Node host: CA verification, the loudly-named self-signed switch, client certificates (Node).
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAseStandin, type AseStandin } from '../../standin/index';
import { createAsePolicy, type AsePolicyOptions, type PolicyDecision } from '../../node/index';
// Not the test kit: it loads nock, whose socket interception emulates 'secureConnect' before the real handshake.
import { makeCall } from '../core/fixtures';
import { hasOpenssl, makeTestPki, type TestPki } from './test-ca';
import { recordingLogger } from './recording-logger';

const opensslMissing = !hasOpenssl();
let pki: TestPki;
let caSigned: AseStandin;
let selfSigned: AseStandin;
let mtls: https.Server | undefined;
let mtlsUrl = '';

beforeAll(async () => {
  if (opensslMissing) return;
  pki = makeTestPki();
  caSigned = await startAseStandin({ name: 'ca-signed', tls: pki.server });
  selfSigned = await startAseStandin({ name: 'self-signed', tls: pki.selfSigned });
  // A minimal sideband endpoint that demands a client certificate from our CA (ASE's sideband mTLS).
  const server = https.createServer({ ...pki.server, ca: pki.ca, requestCert: true, rejectUnauthorized: true }, (req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  mtls = server;
  mtlsUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await caSigned?.close();
  await selfSigned?.close();
  if (mtls) {
    mtls.closeAllConnections();
    await new Promise((resolve) => mtls?.close(resolve));
  }
});

async function check(url: string, tls: AsePolicyOptions['tls']): Promise<{ decision: PolicyDecision; lines: string[] }> {
  const log = recordingLogger();
  const policy = createAsePolicy({ config: { aseToken: '', nodes: [{ name: 'ase', url }], attemptTimeoutMs: 2000, callBudgetMs: 3000 }, tls, logger: log });
  try {
    return { decision: await policy.checkRequest(makeCall()), lines: log.lines.map((line) => line.message) };
  } finally {
    await policy.close();
  }
}

describe.skipIf(opensslMissing)('TLS to ASE (test CA made with the openssl CLI)', () => {
  it('accepts a server certificate signed by the CA given as tls.ca', async () => {
    const { decision } = await check(caSigned.url, { ca: pki.ca });
    expect(decision).toMatchObject({ code: 'ASE_ALLOWED', aseStatus: 200 });
    expect(caSigned.calls).toHaveLength(1);
  });

  it('refuses the same certificate without tls.ca: ASE_TLS, forwarded (fail-open)', async () => {
    const { decision } = await check(caSigned.url, undefined);
    expect(decision).toMatchObject({ verdict: 'allow', code: 'ASE_UNAVAILABLE' });
    expect(decision.log?.message).toContain('ase: ASE_TLS');
  });

  it('refuses a self-signed certificate by default', async () => {
    const { decision } = await check(selfSigned.url, { ca: pki.ca });
    expect(decision.log?.message).toContain('ase: ASE_TLS');
    expect(decision.log?.message).toContain('DEPTH_ZERO_SELF_SIGNED_CERT');
  });

  it('accepts a self-signed certificate only with dangerouslyAcceptSelfSignedCertificates, with a warning', async () => {
    const { decision, lines } = await check(selfSigned.url, { dangerouslyAcceptSelfSignedCertificates: true });
    expect(decision).toMatchObject({ code: 'ASE_ALLOWED', aseStatus: 200 });
    expect(lines.filter((line) => line.includes('dangerouslyAcceptSelfSignedCertificates is on'))).toHaveLength(1);
  });

  it('dangerouslyAcceptSelfSignedCertificates still refuses a certificate from an unknown CA', async () => {
    const { decision } = await check(caSigned.url, { dangerouslyAcceptSelfSignedCertificates: true });
    expect(decision.log?.message).toContain('ase: ASE_TLS');
    expect(decision.log?.message).toContain('give the issuing CA as tls.ca');
  });

  it('presents tls.cert/tls.key to an ASE that demands a client certificate', async () => {
    const { decision } = await check(mtlsUrl, { ca: pki.ca, cert: pki.client.cert, key: pki.client.key });
    expect(decision).toMatchObject({ code: 'ASE_ALLOWED', aseStatus: 200 });
    const without = await check(mtlsUrl, { ca: pki.ca });
    expect(without.decision.code).toBe('ASE_UNAVAILABLE');
    // TLS 1.3 sends the alert after the client thinks the handshake is done: undici alone reports the
    // socket closing ("other side closed"); the transport keeps the alert, so it is named ASE_TLS.
    expect(without.decision.log?.message).toContain('ase: ASE_TLS');
    expect(without.decision.log?.message).toContain('ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED');
  });
});
