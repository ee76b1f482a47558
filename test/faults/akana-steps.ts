// Steps for the Akana leg of the fault suite (Node, tests): wait for the JVM's async worker to go idle, and count its threads.
import type { Step } from '../../emulators/akana';

/** Finds the async worker's pool the way the policy does (policies/hosts/akana/async-worker.ts), in test JS. */
const FIND_POOLS = `
function piWorkerThreads() {
  var root = java.lang.Thread.currentThread().getThreadGroup();
  while (root.getParent() !== null) root = root.getParent();
  var groups = java.lang.reflect.Array.newInstance(java.lang.ThreadGroup, root.activeGroupCount() + 4);
  var count = root.enumerate(groups, false);
  var found = [];
  for (var i = 0; i < count; i++) {
    if (String(groups[i].getName()) !== 'pi-ase-sideband') continue;
    var threads = java.lang.reflect.Array.newInstance(java.lang.Thread, 64);
    var n = groups[i].enumerate(threads, false);
    for (var k = 0; k < n; k++) found.push(threads[k]);
  }
  return found;
}
function piWorkerBusy() {
  var threads = piWorkerThreads();
  for (var i = 0; i < threads.length; i++) {
    if (threads[i] instanceof java.util.concurrent.ForkJoinWorkerThread) {
      var pool = threads[i].getPool();
      if (pool.getQueuedSubmissionCount() + pool.getActiveThreadCount() > 0 || !pool.isQuiescent()) return true;
    }
  }
  return false;
}
`;

/** Waits (up to maxMs) until the JVM's async worker has nothing queued or running, then a little more. */
export function awaitWorkerIdle(maxMs: number): Step {
  return {
    name: 'await the async worker',
    exchange: 'await-worker',
    scripts: [{ name: 'await-worker.js', source: `${FIND_POOLS}
var until = new Date().getTime() + ${maxMs};
java.lang.Thread.sleep(50);
while (piWorkerBusy() && new Date().getTime() < until) java.lang.Thread.sleep(50);
java.lang.Thread.sleep(100);` }]
  };
}

/**
 * Logs one systemLog line: the worker threads of the pool found in the pi-ase-sideband group (its
 * later workers may live in other groups), live threads named pi-ase*, calls queued, drops counted.
 */
export function threadCensus(): Step {
  return {
    name: 'thread census',
    exchange: 'census',
    scripts: [{ name: 'census.js', source: `${FIND_POOLS}
var all = java.lang.Thread.getAllStackTraces().keySet().toArray();
var found = piWorkerThreads();
var pool = null;
for (var f = 0; f < found.length && pool === null; f++) {
  if (found[f] instanceof java.util.concurrent.ForkJoinWorkerThread) pool = found[f].getPool();
}
var named = 0;
var workers = 0;
for (var i = 0; i < all.length; i++) {
  if (String(all[i].getName()).indexOf('pi-ase') === 0) named++;
  if (pool !== null && all[i] instanceof java.util.concurrent.ForkJoinWorkerThread && all[i].getPool() === pool) workers++;
}
var queued = pool === null ? 0 : Number(pool.getQueuedSubmissionCount());
systemLog.warn('census group=' + workers + ' named=' + named + ' queued=' + queued + ' dropped=' +
  java.lang.System.getProperty('pi.ase.health.async.n.total.async-dropped', '0'));` }]
  };
}

/** The numbers of a census line. */
export function readCensus(text: string): { group: number; named: number; queued: number; dropped: number } {
  const match = /census group=(\d+) named=(\d+) queued=(\d+) dropped=(\d+)/.exec(text);
  if (!match) throw new Error(`no census in: ${text}`);
  return { group: Number(match[1]), named: Number(match[2]), queued: Number(match[3]), dropped: Number(match[4]) };
}
