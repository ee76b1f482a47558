// Gateway management-API commands (Akana, Apigee; Node only): the --timeout MS flag, one limit per request.

/** undefined gives the fallback; anything but whole milliseconds from 1 to 600000 throws an Error naming the flag. */
export function parseTimeoutFlag(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const ms = Number(text);
  if (!/^\d+$/.test(text) || ms < 1 || ms > 600000) throw new Error(`--timeout must be whole milliseconds from 1 to 600000 (got "${text}")`);
  return ms;
}
