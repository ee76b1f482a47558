// One timer for every sideband attempt in flight on the Node host: each attempt has a deadline, one setTimeout serves them all (Node).
//
// Why not AbortSignal.timeout per attempt: a timer object, an AbortSignal and, when the timer fires
// after the call already finished, a DOMException, for every call (~24 µs of CPU measured, issue 11).
// Here an attempt is one entry in a Set; the single timer is armed for the earliest deadline and, as
// attempts share the same timeout in practice, is rarely re-armed.

/** Something with a deadline (ms on the monotonic clock) that is told when it is past. */
export interface Expiring {
  deadline: number;
  expire(now: number): void;
}

/** The monotonic clock the deadlines use (ms). */
export const monotonicNow: () => number = () => performance.now();

/** A timer that fires a few ms late still finds what is due. */
const SLACK_MS = 1;

export class DeadlineTimer {
  private readonly entries = new Set<Expiring>();
  private timer: NodeJS.Timeout | null = null;
  private armedFor = Infinity;
  private readonly sweepBound = (): void => this.sweep();

  /** Watches `entry` until `delete` (its deadline may be moved later meanwhile: set it, then call `watch` again). */
  watch(entry: Expiring): void {
    this.entries.add(entry);
    if (entry.deadline < this.armedFor) this.arm(entry.deadline);
  }

  delete(entry: Expiring): void {
    this.entries.delete(entry);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Stops the timer; entries still watched are left as they are (their owner ends them). */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.armedFor = Infinity;
    this.entries.clear();
  }

  private arm(deadline: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.armedFor = deadline;
    this.timer = setTimeout(this.sweepBound, Math.max(1, Math.ceil(deadline - monotonicNow())));
    // Never what keeps a process alive: the attempts' sockets do that while they matter.
    this.timer.unref();
  }

  private sweep(): void {
    this.timer = null;
    this.armedFor = Infinity;
    const now = monotonicNow();
    let next = Infinity;
    for (const entry of this.entries) {
      if (entry.deadline <= now + SLACK_MS) {
        this.entries.delete(entry);
        try {
          entry.expire(now);
        } catch {
          // An entry's own failure must not stop the others' deadlines.
        }
      } else if (entry.deadline < next) {
        next = entry.deadline;
      }
    }
    if (next < Infinity) this.arm(next);
  }
}
