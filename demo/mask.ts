// Masks secrets for the start demo's table: a token shows its first 4 characters and its length (Node).

/** "stolen-token-7f3a9c" -> "stol…(19)". Short values show no characters at all. */
export function maskSecret(value: string): string {
  return value.length <= 8 ? `…(${value.length})` : `${value.slice(0, 4)}…(${value.length})`;
}

/** Masks the value of every named query parameter: "/a?access_token=secret-value" -> "/a?access_token=secr…(12)". */
export function maskQuery(url: string, secretParams: string[]): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const pairs = url.slice(q + 1).split('&').map((pair) => {
    const eq = pair.indexOf('=');
    if (eq < 0 || !secretParams.includes(decodeURIComponent(pair.slice(0, eq)))) return pair;
    return `${pair.slice(0, eq)}=${maskSecret(decodeURIComponent(pair.slice(eq + 1)))}`;
  });
  return `${url.slice(0, q)}?${pairs.join('&')}`;
}
