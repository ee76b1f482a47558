// Once-per-window log lines with a count: the first event of a window is reported with everything counted since the last report (ES5 engine and Node).
//
// For events that can repeat on every call (async calls dropped, an ASE node whose answers stall
// after the status): one line at once, so the operator sees it, then at most one line per window.

import type { HealthStore } from './host';

/** How long the events after a report are only counted, in ms. */
export var REPORT_WINDOW_MS = 60000;

/**
 * Counts one event under `key` and returns how many to report now: at the first event of a window,
 * every event counted since the last report (this one included); 0 inside a window (counted only).
 */
export function countForReport(store: HealthStore, key: string, now: number): number {
  var since = store.readNumber('at.' + key);
  var pending = store.readNumber('pending.' + key) + 1;
  store.writeNumber('total.' + key, store.readNumber('total.' + key) + 1);
  if (since !== 0 && now - since < REPORT_WINDOW_MS && now >= since) {
    store.writeNumber('pending.' + key, pending);
    return 0;
  }
  store.writeNumber('at.' + key, now);
  store.writeNumber('pending.' + key, 0);
  return pending;
}

/** Events counted but not reported yet (a host that shuts down reports them). Clears them. */
export function takeUnreported(store: HealthStore, key: string): number {
  var pending = store.readNumber('pending.' + key);
  if (pending > 0) store.writeNumber('pending.' + key, 0);
  return pending;
}

/** Every event ever counted under `key` (the host's statistics). */
export function totalCounted(store: HealthStore, key: string): number {
  return store.readNumber('total.' + key);
}
