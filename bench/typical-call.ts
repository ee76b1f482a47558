// The benchmark's typical API call (15 headers, a query string, an OAuth user) for the Node host and for Akana (Node, bench).
import type { ApiCall, HeaderField } from '../policies/core/api-call';
import type { PresentedMessage } from '../emulators/akana';
import { presentRequest } from '../emulators/akana';

/** Sideband token of every benchmark ASE stand-in: sent as ASE-Token, checked by the stand-in. */
export const BENCH_TOKEN = 'bench-sideband-token-0123456789abcdef';

const BEARER = 'Bearer eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSIsInNjb3BlIjoib3JkZXJzOnJlYWQifQ.c2lnbmF0dXJlLW9mLWEtdHlwaWNhbC1qd3Q';

/** Fifteen request headers as a browser or mobile app behind a load balancer sends them. */
const HEADERS: HeaderField[] = [
  { name: 'Host', value: 'api.example.com' },
  { name: 'User-Agent', value: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36' },
  { name: 'Accept', value: 'application/json, text/plain, */*' },
  { name: 'Accept-Encoding', value: 'gzip, deflate, br' },
  { name: 'Accept-Language', value: 'en-US,en;q=0.9,fr;q=0.8' },
  { name: 'Authorization', value: BEARER },
  { name: 'Content-Type', value: 'application/json' },
  { name: 'Cookie', value: 'session=9f8e7d6c5b4a39281706f5e4d3c2b1a0; theme=dark; consent=analytics' },
  { name: 'X-Forwarded-For', value: '198.51.100.23, 10.0.4.17' },
  { name: 'X-Forwarded-Proto', value: 'https' },
  { name: 'X-Request-ID', value: 'req-5b0c2f7e-8a61-4b9d-9e43-1f2a3b4c5d6e' },
  { name: 'X-Api-Key', value: 'k-live-3c4d5e6f7a8b9c0d' },
  { name: 'Cache-Control', value: 'no-cache' },
  { name: 'Referer', value: 'https://shop.example.com/orders?page=2' },
  { name: 'Origin', value: 'https://shop.example.com' }
];

/** GET /shop/v2/orders?status=open&limit=25&sort=-created from a client behind a proxy, OAuth user alice. */
export function typicalCall(correlationId = ''): ApiCall {
  return {
    correlationId,
    request: {
      method: 'GET',
      url: '/shop/v2/orders?status=open&limit=25&sort=-created',
      httpVersion: '1.1',
      headers: HEADERS.map((h) => ({ ...h })),
      peerAddress: '10.0.4.17',
      peerPort: 51544,
      fallbackHost: 'api.example.com'
    },
    identity: { username: 'alice@example.com', clientId: 'orders-web-app', retainedAuthorization: '' }
  };
}

/** The exchange property retain-header-policy.js leaves for pi_policy.js (policies/hosts/akana/exchange-keys.ts). */
const RETAINED_AUTHORIZATION = 'pi.ase.retained.authorization';

/** The backend's answer to the typical call, as Akana presents the response message (status as java.lang.Integer). */
const RESPONSE: PresentedMessage = {
  headers: [
    ['Content-Type', 'application/json; charset=utf-8'],
    ['Content-Length', '1834'],
    ['Cache-Control', 'no-store'],
    ['Date', 'Tue, 24 Nov 2026 23:15:16 GMT'],
    ['Vary', 'Accept-Encoding'],
    ['X-Request-ID', 'req-5b0c2f7e-8a61-4b9d-9e43-1f2a3b4c5d6e'],
    ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains']
  ],
  properties: { 'http.status.code.property': 200 }
};

/**
 * The same call as Akana presents it after its OAuth step: Authorization is gone from the transport
 * headers (retain-header-policy.js kept it on the exchange), the user is a security subject; then the
 * backend's 200 answer for the response phase.
 */
export function typicalAkanaPhases(): { request: { message: PresentedMessage; exchangeProperties: Record<string, string> }; response: { message: PresentedMessage } } {
  const call = typicalCall();
  const authorization = call.request.headers.find((h) => h.name === 'Authorization');
  call.request.headers = call.request.headers.filter((h) => h !== authorization);
  return {
    request: { message: presentRequest(call), exchangeProperties: { [RETAINED_AUTHORIZATION]: authorization ? authorization.value : '' } },
    response: { message: RESPONSE }
  };
}
