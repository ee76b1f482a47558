// Matches an /ase/request body against the stand-in's deny lists, as ASE does with blocking on (Node only).
import type { AseRequestBodyWire } from './wire-schema';
import { headerPairs, headerValues } from './header-entries';
import type { DenyLists } from './contract-types';

/**
 * The reason the request is denied, or undefined. Reasons never carry token, API-key or cookie
 * values (they are secrets and end up in logs); IPs, usernames and names are fine.
 */
export function findDenied(body: AseRequestBodyWire, deny: DenyLists): string | undefined {
  if (deny.ips?.includes(body.source_ip)) return `denied ip ${body.source_ip}`;

  const tokens = deny.tokens ?? [];
  for (const value of headerValues(body.headers, 'authorization')) {
    const bearer = /^bearer\s+(.+)$/i.exec(value.trim());
    if (bearer && tokens.includes(bearer[1].trim())) return 'denied token';
  }

  const apiKeys = deny.apiKeys ?? [];
  for (const [name, value] of headerPairs(body.headers)) {
    const hit = apiKeys.find((key) => key.header.toLowerCase() === name && key.value === value);
    if (hit) return `denied api key ${name}`;
  }

  const cookies = deny.cookies ?? [];
  for (const header of headerValues(body.headers, 'cookie')) {
    for (const piece of header.split(';')) {
      const pair = piece.trim();
      const eq = pair.indexOf('=');
      const cookieName = eq < 0 ? '' : pair.slice(0, eq).trim();
      const cookieValue = eq < 0 ? pair : pair.slice(eq + 1).trim();
      if (pair !== '' && (cookies.includes(pair) || cookies.includes(cookieValue))) {
        return cookieName === '' ? 'denied cookie' : `denied cookie ${cookieName}`;
      }
    }
  }

  const usernames = deny.usernames ?? [];
  for (const info of body.user_info ?? []) {
    if ('username' in info && usernames.includes(info.username)) return `denied username ${info.username}`;
  }
  return undefined;
}
