// Decides whether an /ase/request body names an API the stand-in "has loaded" (host + url prefix) (Node only).
import type { AseRequestBodyWire } from './wire-schema';
import { headerValues } from './header-entries';
import type { KnownApi } from './contract-types';

/** 'api.example.com:8443' -> 'api.example.com', '[::1]:80' -> '[::1]'; a bare v6 address is kept whole. */
function withoutPort(host: string): string {
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    return end < 0 ? host : host.slice(0, end + 1);
  }
  const colon = host.indexOf(':');
  return colon >= 0 && colon === host.lastIndexOf(':') ? host.slice(0, colon) : host;
}

function hostMatches(wanted: string, sent: string): boolean {
  const want = wanted.toLowerCase();
  const got = sent.toLowerCase();
  // An API defined without a port matches the host on any port, as an operator would expect.
  return want === got || want === withoutPort(got);
}

/** True when `apis` is undefined (accept everything) or one entry matches the body's host and url. */
export function isKnownApi(body: AseRequestBodyWire, apis: ReadonlyArray<KnownApi> | undefined): boolean {
  if (apis === undefined) return true;
  const host = headerValues(body.headers, 'host')[0] ?? '';
  return apis.some((api) => (api.host === undefined || hostMatches(api.host, host)) && body.url.startsWith(api.pathPrefix));
}
