// Test helper (Node): a throw-away CA with server and client certificates for 127.0.0.1, made with the openssl CLI.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface KeyAndCert {
  key: string;
  cert: string;
}

export interface TestPki {
  /** The CA certificate (PEM): what a client passes as tls.ca. */
  ca: string;
  /** Server certificate for IP 127.0.0.1, signed by the CA. */
  server: KeyAndCert;
  /** Client certificate (clientAuth), signed by the CA: for mTLS. */
  client: KeyAndCert;
  /** A server certificate for IP 127.0.0.1 that signed itself. */
  selfSigned: KeyAndCert;
}

/** True when the `openssl` CLI runs (Node cannot make X.509 certificates by itself). */
export function hasOpenssl(): boolean {
  return spawnSync('openssl', ['version'], { encoding: 'utf8' }).status === 0;
}

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

function leaf(dir: string, name: string, subject: string, extensions: string): KeyAndCert {
  writeFileSync(join(dir, `${name}.ext`), extensions);
  openssl(dir, ['req', '-new', ...EC, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject]);
  openssl(dir, ['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial',
    '-out', `${name}.pem`, '-days', '1', '-extfile', `${name}.ext`]);
  return { key: readFileSync(join(dir, `${name}.key`), 'utf8'), cert: readFileSync(join(dir, `${name}.pem`), 'utf8') };
}

/** A CA, a server and a client certificate signed by it, and a self-signed server certificate (1 day each). */
export function makeTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'pi-node-pki-'));
  try {
    openssl(dir, ['req', '-x509', ...EC, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '1', '-subj', '/CN=PI test CA',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
    const server = leaf(dir, 'server', '/CN=127.0.0.1',
      'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n');
    const client = leaf(dir, 'client', '/CN=pi-gateway',
      'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\n');
    openssl(dir, ['req', '-x509', ...EC, '-keyout', 'self.key', '-out', 'self.pem', '-days', '1', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1']);
    const selfSigned = { key: readFileSync(join(dir, 'self.key'), 'utf8'), cert: readFileSync(join(dir, 'self.pem'), 'utf8') };
    return { ca: readFileSync(join(dir, 'ca.pem'), 'utf8'), server, client, selfSigned };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
