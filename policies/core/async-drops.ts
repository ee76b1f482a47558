// The one line for async sideband calls dropped because asyncMaxInFlight were in flight: counted, reported once per window (ES5 engine and Node).

import type { HealthStore, PolicyLogger } from './host';
import { Codes } from './errors';
import { countForReport, REPORT_WINDOW_MS, takeUnreported } from './report-window';

/** The report-window key of dropped async calls. */
export var ASYNC_DROPPED_KEY = 'async-dropped';

function droppedLine(count: number, max: number, where: string, later: boolean): string {
  return Codes.ASYNC_DROPPED + ': ' + count + ' async sideband call' + (count === 1 ? '' : 's') + ' dropped' + (later ? ' since the last line' : '') +
    ': asyncMaxInFlight (' + max + ') calls were already in flight ' + where + ' (ASE slow or unreachable); ' +
    'those API calls were forwarded without detection; ' + (later ? '' : 'further drops are counted, ') + 'one line per ' + REPORT_WINDOW_MS / 1000 + ' s at most';
}

/**
 * Counts one dropped call and writes the line when one is due (the first drop of a window, with the
 * count since the last line). `where` says what the bound covers, e.g. 'in this policy', 'in this JVM'.
 */
export function noteAsyncDropped(store: HealthStore, now: number, max: number, where: string, log: PolicyLogger): void {
  var count = countForReport(store, ASYNC_DROPPED_KEY, now);
  if (count > 0) log.warn(droppedLine(count, max, where, count > 1));
}

/** At shutdown: the drops counted since the last line, if any, in one last line. */
export function reportUnreportedDrops(store: HealthStore, max: number, where: string, log: PolicyLogger): void {
  var count = takeUnreported(store, ASYNC_DROPPED_KEY);
  if (count > 0) log.warn(droppedLine(count, max, where, true));
}
