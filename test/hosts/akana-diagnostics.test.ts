// The Akana diagnostics dump in the fast leg (Node, adapter source over in-process fakes): every secret masked in every property, URL-shaped or not.
import { describe, expect, it } from 'vitest';
import { logDiagnostics, maskValue } from '../../policies/hosts/akana/diagnostics';
import { akanaLogger } from '../../policies/hosts/akana/services';
import { FakeExchange, FakeLogger, FakeMessage } from './akana-fakes';
import { makeConfig } from '../core/fixtures';

const TOKEN = 'ase-token-diag-0001';
const SALT = 'salt-diag-0123456789abcdef';
const config = makeConfig({ aseToken: TOKEN, hashSecrets: true, hashSalt: SALT, queryTokenParams: ['access_token'], apiKeyParams: ['api_key'], apiKeyHeaders: ['x-api-key', 'x-client-secretless'], diagnostics: true });

function dump(): string {
  const message = FakeMessage.from({
    headers: [
      ['Host', 'api.example.com'],
      ['Authorization', 'Bearer hdr-bearer-0001'],
      ['Cookie', 'sid=cookie-sid-0001; theme=dark'],
      ['X-Client-Secretless', 'custom-key-0001']
    ],
    properties: {
      'http.method': 'GET',
      // Akana's query property holds the raw query without '?': the first parameter is a token.
      'com.soa.message.TRANSPORT_QUERY': 'access_token=q-token-0001&API_KEY=q-key-0001&page=2',
      'http.requested.url': 'https://api.example.com/orders?page=2&access_token=url-token-0001#frag',
      'http.request.line': 'GET /orders?api_key=line-key-0001 HTTP/1.1',
      // Not URL-shaped at all, and not named like a secret.
      'custom.note': `forwarded with ${TOKEN} and ${encodeURIComponent(SALT)}; copy of Bearer hdr-bearer-0001, sid cookie-sid-0001`,
      'custom.form': 'access_token=form-token-0001',
      'custom.secretless.header': 'custom-key-0001'
    }
  });
  const exchange = new FakeExchange();
  exchange.setProperty('pi.ase.retained.authorization', 'Bearer retained-0001');
  exchange.setProperty('exchange.copy', `salt=${SALT}`);
  const log = new FakeLogger();
  logDiagnostics(akanaLogger(log), 0, message, exchange, config);
  expect(log.lines).toHaveLength(1);
  return log.lines[0].text;
}

describe('Akana diagnostics', () => {
  it('masks query tokens, API keys and every configured or seen secret in every property, and keeps the rest', () => {
    const text = dump();
    for (const secret of [
      'q-token-0001', 'q-key-0001', 'url-token-0001', 'line-key-0001', 'form-token-0001', TOKEN, SALT, encodeURIComponent(SALT),
      'hdr-bearer-0001', 'cookie-sid-0001', 'custom-key-0001', 'retained-0001'
    ]) {
      expect(text, secret).not.toContain(secret);
    }
    expect(text).toContain('com.soa.message.TRANSPORT_QUERY=access_token=***&API_KEY=***&page=2');
    expect(text).toContain('http.requested.url=https://api.example.com/orders?page=2&access_token=***#frag');
    expect(text).toContain('http.method=GET');
    expect(text).toContain('Host=api.example.com');
    expect(text).toContain('custom.note=forwarded with *** and ***; copy of ***, sid ***');
  });

  it('masks before the length cut, and leaves a config without secrets alone', () => {
    const long = `${'x'.repeat(295)}${TOKEN}`;
    expect(maskValue('custom', long, config)).toBe(`${'x'.repeat(295)}***`);
    const plain = makeConfig({ aseToken: '', hashSalt: '' });
    expect(maskValue('custom', 'nothing secret here', plain)).toBe('nothing secret here');
    expect(maskValue('custom', 'my_access_token=kept', plain)).toBe('my_access_token=kept');
  });
});
