// Names and timings shared by the async worker and its pool start (ES5 engine: Rhino).

/** The thread group (under the JVM's root) that holds the pool's first worker, and that worker's name. */
export var GROUP_NAME = 'pi-ase-sideband';
/** When this JVM last started a worker (epoch ms): a marker, the only thing kept in System properties. */
export var STARTED_PROPERTY = 'pi.ase.async.worker.startedAt';
/** A worker started this recently but not found is not started again (the pool is dropped into). */
export var RESTART_GAP_MS = 5000;
/** An idle worker thread ends after this long; the next call starts another. */
export var KEEP_ALIVE_S = 60;
