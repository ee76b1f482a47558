// The bounded background worker of async (detect-only) mode on Akana: one pool of asyncThreads daemon threads per JVM, found again on each message (ES5 engine: Rhino).
//
// Akana runs the script's top level for every message, so nothing made by one message is there for
// the next, and nothing of ours may be stored JVM-wide (System properties hold strings; a JS function
// kept there would pin the script across redeploys and fails under the allow-list class shutter).
// The worker is therefore a plain java.util.concurrent.ForkJoinPool of asyncThreads daemon threads,
// and it is found again through where its first thread lives: a ThreadGroup named pi-ase-sideband
// under the JVM's root group. A ForkJoinPool's worker thread names its pool (getPool()), and a pool's
// first worker is made by the thread that first submits to it: a short-lived starter thread in our
// group (later workers are made by whichever thread submits, so they may live elsewhere). When the
// first worker has ended idle while others still run, the next message starts a new pool; the old
// one drains and its threads end idle: two bounded pools for a moment, never a thread per call.
// Nothing JS outlives its task: each message queues its own Runnable, run once, then garbage.
//
// The bound: calls queued plus running, per JVM, checked as each is queued (two messages checking at
// the same instant can both get in). What does not fit is dropped and counted (the caller logs it).
// Where java.util.concurrent is hidden (allow-list class shutter) the call runs inline instead.

import type { HealthStore, PolicyLogger } from '../../core/host';
import { Codes, describeError } from '../../core/errors';
import { GROUP_NAME } from './async-pool-names';
import { mayStart, startPool } from './async-pool-start';

declare var java: any;

/** Where one background call went. */
export type Placement = 'queued' | 'dropped' | 'inline';

/** The JVM's root thread group, from the calling thread's group up. */
function rootGroup(): any {
  var group = java.lang.Thread.currentThread().getThreadGroup();
  for (var parent = group.getParent(); parent !== null; parent = group.getParent()) group = parent;
  return group;
}

/** Our thread group under the root (made when missing). */
function workerGroup(root: any): any {
  var groups = java.lang.reflect.Array.newInstance(java.lang.ThreadGroup, root.activeGroupCount() + 4);
  var count = root.enumerate(groups, false);
  for (var i = 0; i < count; i++) if (String(groups[i].getName()) === GROUP_NAME) return groups[i];
  return new java.lang.ThreadGroup(root, GROUP_NAME);
}

/**
 * The pool whose worker thread lives in `group`, or null (none started yet, or it ended idle). With
 * `waitForStarter`, a starter thread still at work (another message is starting the pool) is waited
 * for, briefly, first.
 */
function poolIn(group: any, waitForStarter: boolean): any {
  var threads = java.lang.reflect.Array.newInstance(java.lang.Thread, 8);
  var count = group.enumerate(threads, false);
  for (var i = 0; i < count; i++) {
    var thread = threads[i];
    if (thread instanceof java.util.concurrent.ForkJoinWorkerThread) {
      var pool = thread.getPool();
      if (!pool.isShutdown()) return pool;
    } else if (waitForStarter && String(thread.getName()) === GROUP_NAME + '-start') {
      thread.join(50);
      return poolIn(group, false);
    }
  }
  return null;
}

/** Queues `task` on the JVM's worker, or says why not ('dropped': the bound; 'inline': no java.util.concurrent). */
function place(task: () => void, maxInFlight: number, threads: number, now: number): Placement {
  var group = workerGroup(rootGroup());
  var pool = poolIn(group, false);
  var runnable = new java.lang.Runnable({ run: task });
  if (pool === null) {
    if (mayStart(now)) {
      startPool(group, runnable, threads);
      return 'queued';
    }
    // Started a moment ago by another message (or its worker already ended): the one just starting.
    pool = poolIn(group, true);
    if (pool === null) return 'dropped';
  }
  if (Number(pool.getQueuedSubmissionCount()) + Number(pool.getActiveThreadCount()) >= maxInFlight) return 'dropped';
  pool.execute(runnable);
  return 'queued';
}

/**
 * Where the task went; 'inline' means the caller runs it now: without Java (the adapter's tests on
 * Node) silently, where java.util.concurrent is hidden with one warn line per JVM (`once`).
 */
export function submitBounded(task: () => void, maxInFlight: number, threads: number, now: number, once: HealthStore, log: PolicyLogger): Placement {
  if (typeof java === 'undefined' || !java || !java.lang) return 'inline';
  try {
    return place(task, maxInFlight, threads, now);
  } catch (e) {
    if (once.firstTime('inline')) {
      log.warn(Codes.ASYNC + ': asyncMode cannot queue sideband calls on a background thread here (' + describeError(e) +
        '; java.util.concurrent hidden by the class shutter?): they run inline, each API call waiting for ASE (at most callBudgetMs); logged once per JVM');
    }
    return 'inline';
  }
}
