// Starts the async worker's pool: once per JVM (and again after its threads ended idle), so a compiled lazy kit of the bundle (ES5 engine: Rhino).
//
// Out of the script's own Java class (lazy-kits.ts): its functions would otherwise lengthen the name
// tables every message's activations read (emulators/jvm/method-sizes.ts). Compiling it costs about a
// millisecond, paid by a message that finds no pool (it starts one, or waits for one just started),
// not by the messages that queue on a running pool.

import { GROUP_NAME, KEEP_ALIVE_S, RESTART_GAP_MS, STARTED_PROPERTY } from './async-pool-names';

declare var java: any;

/** `threads` worker threads at most, each ending after KEEP_ALIVE_S idle (the Java 8 constructor where 9's is missing). */
function newPool(threads: number): any {
  var concurrent = java.util.concurrent;
  try {
    return new concurrent.ForkJoinPool(threads, concurrent.ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true, threads, threads, 1, null,
      KEEP_ALIVE_S, concurrent.TimeUnit.SECONDS);
  } catch (e) {
    return new concurrent.ForkJoinPool(threads);
  }
}

/**
 * Submits `first` from a starter thread in `group`, so the pool's worker thread is made there, and
 * waits for it. The worker names itself pi-ase-sideband (thread dumps, and Messenger records in tests).
 */
export function startPool(group: any, first: any, threads: number): void {
  var pool = newPool(threads);
  var named = new java.lang.Runnable({
    run: function () {
      java.lang.Thread.currentThread().setName(GROUP_NAME);
      first.run();
    }
  });
  var starter = new java.lang.Thread(group, new java.lang.Runnable({ run: function () { pool.execute(named); } }), GROUP_NAME + '-start');
  starter.setDaemon(true);
  starter.start();
  // The worker exists once execute() returned on the starter: then the next message finds it.
  starter.join(1000);
}

/** Whether no worker was started in the last RESTART_GAP_MS (else it should be there: do not start one more). */
export function mayStart(now: number): boolean {
  var last = Number(String(java.lang.System.getProperty(STARTED_PROPERTY, '0')));
  if (now - last >= 0 && now - last < RESTART_GAP_MS) return false;
  java.lang.System.setProperty(STARTED_PROPERTY, String(now));
  return true;
}
