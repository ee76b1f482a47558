// The Node host's clock and randomness, the core's Clock and Randomness ports (Node).
//
// Node's other ports: PolicyLogger in logger.ts (guardedLogger), AsyncTransport in
// undici-transport.ts, HealthStore in memory (policies/core/memory-health.ts).

import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock, Randomness } from '../policies/core/host';

/** The Clock port over `now` (tests inject one), default Date.now. */
export function nodeClock(now: () => number = Date.now): Clock {
  return { now };
}

/**
 * The Randomness port: Node's own UUID v4 (CSPRNG, batched entropy), an order of magnitude cheaper
 * than 16 fresh random bytes; the bytes are there for the port's fallback.
 */
export const NODE_RANDOMNESS: Randomness = {
  uuid: () => randomUUID(),
  bytes: (count) => Array.from(randomBytes(count))
};
