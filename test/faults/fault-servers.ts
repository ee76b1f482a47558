// The far ends of the fault matrix (Node, tests): stand-ins, TLS servers and a test CA, and a JVM trust store for the Akana leg.
import { execFileSync, spawnSync } from 'node:child_process';
import https from 'node:https';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAseStandin, type AseStandin, type Fault } from '../../standin/index';
import { hasOpenssl, makeTestPki, type TestPki } from '../node/test-ca';

export { hasOpenssl };

/** Servers to close after the suite. */
export class FarEnds {
  private readonly closers: Array<() => Promise<unknown>> = [];
  private pkiMade: TestPki | null = null;

  get pki(): TestPki {
    this.pkiMade ??= makeTestPki();
    return this.pkiMade;
  }

  /** A stand-in; `tls`: HTTPS with the CA-signed server certificate, or one that signed itself. */
  async standin(name: string, fault: Fault = {}, tls: 'ca-signed' | 'self-signed' | null = null): Promise<AseStandin> {
    const certificate = tls === 'ca-signed' ? this.pki.server : tls === 'self-signed' ? this.pki.selfSigned : null;
    const standin = await startAseStandin({ name, token: '', faults: fault, ...(certificate ? { tls: certificate } : {}) });
    this.closers.push(() => standin.close());
    return standin;
  }

  /** An HTTPS sideband endpoint that demands a client certificate from the test CA (ASE's sideband mTLS). */
  async mtlsServer(): Promise<string> {
    const server = https.createServer({ ...this.pki.server, ca: this.pki.ca, requestCert: true, rejectUnauthorized: true }, (req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
    });
    server.on('tlsClientError', () => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.closers.push(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });
    return `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.closers.splice(0).map((close) => close().catch(() => undefined)));
  }
}

/** Whether keytool runs (the JDK's: it makes the JVM trust store of the Akana leg's TLS cases). */
export function hasKeytool(): boolean {
  return spawnSync('keytool', ['-help'], { encoding: 'utf8' }).status === 0;
}

/** A PKCS12 trust store holding the test CA, and the JVM flags that make it the JVM's default. */
export function jvmTrustStoreArgs(caPem: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'pi-faults-jvm-'));
  writeFileSync(join(dir, 'ca.pem'), caPem);
  const store = join(dir, 'trust.p12');
  execFileSync('keytool', ['-importcert', '-noprompt', '-alias', 'pi-test-ca', '-file', join(dir, 'ca.pem'), '-keystore', store,
    '-storetype', 'PKCS12', '-storepass', 'changeit'], { stdio: 'pipe' });
  return [`-Djavax.net.ssl.trustStore=${store}`, '-Djavax.net.ssl.trustStorePassword=changeit', '-Djavax.net.ssl.trustStoreType=PKCS12'];
}
