// The start demo's scripted traffic and the ASE side it runs against: secrets, deny lists, calls, expectations (Node).
import type { ApiCall, ApiResponse, HeaderField } from '../policies/core/api-call';
import type { DenyLists } from '../standin';
import { maskQuery, maskSecret } from './mask';

/** Demo values only. The table shows them masked; the ASE token is never shown. */
export const DEMO_ASE_TOKEN = 'demo-sideband-token-5c1f0e';
const ALICE_TOKEN = 'alice-token-2b7e41d0';
const APP_TOKEN = 'app-token-9d03c8aa51';
export const STOLEN_TOKEN = 'stolen-token-7f3a9c';
export const DENIED_IP = '198.51.100.66';
const QUERY_TOKEN_PARAMS = ['access_token'];

/** What both ASE stand-ins block (same deny list, as primary and secondary share ASE's cluster state). */
export const DEMO_DENY: DenyLists = { tokens: [STOLEN_TOKEN], ips: [DENIED_IP] };

export type NodeName = 'primary' | 'secondary';

export interface DemoCall {
  kind: 'call';
  /** Method and path, query-string secrets masked. */
  what: string;
  /** Who is calling, secrets masked. */
  client: string;
  /** The request as it reaches the gateway (Authorization included even when OAuth later removes it). */
  call: ApiCall;
  /** The retain-header policy keeps Authorization, then the gateway's OAuth step removes the header. */
  retainHeader?: boolean;
  /** The backend's answer, reported to ASE when the call was forwarded. */
  response: ApiResponse;
  /** What the script expects; the demo fails (exit 1) when the product does otherwise. */
  expect: { blocked: boolean; node: NodeName };
}

export type DemoStep = DemoCall | { kind: 'stop-primary' };

const HOST = 'api.example.com';

function call(method: string, url: string, headers: Array<[string, string]>, peer: string, identity: { username?: string; clientId?: string } = {}): ApiCall {
  const fields: HeaderField[] = [{ name: 'Host', value: HOST }, ...headers.map(([name, value]) => ({ name, value }))];
  return {
    correlationId: '',
    request: { method, url, httpVersion: '1.1', headers: fields, peerAddress: peer, peerPort: 0, fallbackHost: HOST },
    identity: { username: identity.username ?? '', clientId: identity.clientId ?? '', retainedAuthorization: '' }
  };
}

function backend(status: number, reason: string, length: number): ApiResponse {
  return {
    status,
    reason,
    httpVersion: '1.1',
    headers: [{ name: 'Content-Type', value: 'application/json' }, { name: 'Content-Length', value: String(length) }]
  };
}

function demoCall(method: string, url: string, client: string, headers: Array<[string, string]>, peer: string, expect: DemoCall['expect'], extra: Partial<DemoCall> & { identity?: { username?: string; clientId?: string } } = {}): DemoCall {
  return {
    kind: 'call',
    what: `${method} ${maskQuery(url, QUERY_TOKEN_PARAMS)}`,
    client,
    call: call(method, url, headers, peer, extra.identity),
    retainHeader: extra.retainHeader,
    response: extra.response ?? backend(200, 'OK', 182),
    expect
  };
}

const bearer = (token: string) => `Bearer ${token}`;

/** Ten calls: normal traffic, three deny-listed tokens (header, query string, retained header), a deny-listed IP, then the primary stops. */
export function demoTraffic(): DemoStep[] {
  const up = (blocked: boolean) => ({ blocked, node: 'primary' as const });
  const down = (blocked: boolean) => ({ blocked, node: 'secondary' as const });
  const alice = { identity: { username: 'alice' } };
  return [
    demoCall('GET', '/shop/items?limit=10', `Bearer ${maskSecret(ALICE_TOKEN)}, user alice`, [['Authorization', bearer(ALICE_TOKEN)]], '203.0.113.10', up(false), alice),
    demoCall('POST', '/shop/orders', `Bearer ${maskSecret(APP_TOKEN)}, app app-123`, [['Authorization', bearer(APP_TOKEN)], ['Content-Type', 'application/json']], '203.0.113.11', up(false), {
      identity: { clientId: 'app-123' },
      response: backend(201, 'Created', 64)
    }),
    demoCall('GET', '/shop/items', `Bearer ${maskSecret(STOLEN_TOKEN)}, deny-listed`, [['Authorization', bearer(STOLEN_TOKEN)]], '203.0.113.12', up(true)),
    demoCall('GET', `/shop/items?access_token=${STOLEN_TOKEN}`, 'token in the query, deny-listed', [], '203.0.113.13', up(true)),
    demoCall('GET', '/account', `Bearer ${maskSecret(STOLEN_TOKEN)} via retain-header`, [['Authorization', bearer(STOLEN_TOKEN)]], '203.0.113.14', up(true), { retainHeader: true }),
    demoCall('GET', '/shop/items', `XFF ${DENIED_IP}, deny-listed IP`, [['Authorization', bearer(APP_TOKEN)], ['X-Forwarded-For', DENIED_IP]], '10.0.0.5', up(true)),
    { kind: 'stop-primary' },
    demoCall('GET', '/shop/items?limit=10', `Bearer ${maskSecret(ALICE_TOKEN)}, user alice`, [['Authorization', bearer(ALICE_TOKEN)]], '203.0.113.10', down(false), alice),
    demoCall('POST', '/shop/orders', `Bearer ${maskSecret(APP_TOKEN)}, app app-123`, [['Authorization', bearer(APP_TOKEN)]], '203.0.113.11', down(false), {
      identity: { clientId: 'app-123' },
      response: backend(201, 'Created', 64)
    }),
    demoCall('GET', '/shop/items', `Bearer ${maskSecret(STOLEN_TOKEN)}, deny-listed`, [['Authorization', bearer(STOLEN_TOKEN)]], '203.0.113.12', down(true)),
    demoCall('GET', '/shop/cart', `Bearer ${maskSecret(ALICE_TOKEN)}, user alice`, [['Authorization', bearer(ALICE_TOKEN)]], '203.0.113.10', down(false), alice)
  ];
}

/** The call as the policy sees it after the gateway's OAuth step removed Authorization (retain-header calls only). */
export function afterOAuth(call: ApiCall): ApiCall {
  return { ...call, request: { ...call.request, headers: call.request.headers.filter((h) => h.name.toLowerCase() !== 'authorization') } };
}

/** The Authorization value the retain-header policy keeps ('' when none). */
export function authorizationOf(call: ApiCall): string {
  const header = call.request.headers.find((h) => h.name.toLowerCase() === 'authorization');
  return header ? header.value : '';
}
