// Gateway management-API clients (Akana, Apigee; Node only): one sentence for a request that got no HTTP answer (refused, timed out, TLS, DNS), naming the product and the flag to fix.

const UNKNOWN_CA = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT'
]);
const TIMEOUTS = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

/** The error and its causes, outermost first (bounded: cause chains can loop). */
function causes(error: unknown): Array<{ name?: string; code?: string; message?: string }> {
  const chain: Array<{ name?: string; code?: string; message?: string }> = [];
  let current: unknown = error;
  for (let depth = 0; depth < 8 && typeof current === 'object' && current !== null; depth += 1) {
    const e = current as { name?: unknown; code?: unknown; message?: unknown; cause?: unknown };
    chain.push({
      name: typeof e.name === 'string' ? e.name : undefined,
      code: typeof e.code === 'string' ? e.code : undefined,
      message: typeof e.message === 'string' ? e.message : undefined
    });
    current = e.cause;
  }
  return chain;
}

/** One sentence for a request that got no HTTP answer; product is what runs at --url, e.g. "Policy Manager". */
export function explainNetworkError(error: unknown, origin: string, timeoutMs: number, product = 'Policy Manager'): string {
  const chain = causes(error);
  const host = new URL(origin).host;
  for (const e of chain) {
    const code = e.code ?? '';
    if (e.name === 'TimeoutError' || TIMEOUTS.has(code)) {
      return `no answer from ${origin} within ${timeoutMs} ms (--timeout ${timeoutMs}): is ${product} up and reachable, or does it need a longer --timeout?`;
    }
    if (code === 'ECONNREFUSED') return `connection refused by ${origin}: is ${product} running there, and are the host and port in --url right?`;
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `cannot resolve the host name in ${origin} (${code}): check --url`;
    if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return `${origin} is unreachable (${code}): check --url, routes and firewalls`;
    if (UNKNOWN_CA.has(code)) {
      return (
        `TLS: the certificate of ${host} is not signed by a CA this machine trusts (${code}): ` +
        'pass the CA certificate (PEM) that signed it with --ca FILE'
      );
    }
    if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
      return `TLS: the certificate's names do not match ${host} (${e.message ?? code}): use a host name the certificate lists in --url`;
    }
    if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
      return `TLS: the certificate of ${host} is ${code === 'CERT_HAS_EXPIRED' ? 'expired' : 'not yet valid'}: renew it on ${product}`;
    }
    if (/^(ERR_SSL_|ERR_TLS_|EPROTO)/.test(code)) {
      return `TLS handshake with ${host} failed (${code}): does ${origin} serve ${origin.startsWith('https:') ? 'HTTPS' : 'plain HTTP'}? ${e.message ?? ''}`.trim();
    }
    if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') {
      return `${origin} closed the connection (${code}): check that --url uses the right scheme (http/https) and port`;
    }
  }
  const first = chain.find((e) => e.code !== undefined) ?? chain[0] ?? {};
  return `request to ${origin} failed: ${[first.code, first.message].filter(Boolean).join(': ') || String(error)}`;
}

/** One line of an error body, for statuses without a better explanation (Akana's message says what it refused). */
export function bodySnippet(body: string): string {
  const line = body.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 200)}...` : line;
}
