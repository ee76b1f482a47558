// Test helper (Node): a throw-away self-signed certificate for 127.0.0.1, made with node:crypto + the openssl CLI.
import { execFileSync, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SelfSignedCert {
  key: string;
  cert: string;
}

/** True when the `openssl` CLI runs: Node can make key pairs but not X.509 certificates. */
export function hasOpenssl(): boolean {
  const probe = spawnSync('openssl', ['version'], { encoding: 'utf8' });
  return probe.status === 0;
}

/** A P-256 key (node:crypto) and a 1-day certificate for CN/SAN 127.0.0.1 (openssl), as PEM strings. */
export function makeSelfSignedCert(): SelfSignedCert {
  const dir = mkdtempSync(join(tmpdir(), 'ase-standin-tls-'));
  try {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const key = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const keyFile = join(dir, 'key.pem');
    const certFile = join(dir, 'cert.pem');
    writeFileSync(keyFile, key, { mode: 0o600 });
    execFileSync(
      'openssl',
      ['req', '-x509', '-new', '-key', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=127.0.0.1',
        '-addext', 'subjectAltName=IP:127.0.0.1', '-addext', 'basicConstraints=critical,CA:TRUE'],
      { stdio: 'pipe' }
    );
    return { key, cert: readFileSync(certFile, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
