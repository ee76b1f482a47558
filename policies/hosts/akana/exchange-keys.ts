// Names of the exchange properties that carry state from the request phase to the response phase (ES5 engine).

/** The Authorization value kept by retain-header-policy before the gateway's OAuth step removed it. */
export var RETAINED_AUTHORIZATION = 'pi.ase.retained.authorization';
/** The X-CorrelationID sent with /ase/request; /ase/response reuses it so ASE can pair the two. */
export var CORRELATION_ID = 'pi.ase.correlation.id';
/** The ASE node that answered /ase/request; /ase/response goes there first. */
export var ANSWERING_NODE = 'pi.ase.node';
/** The request phase's config without secret values (config-load.ts): the response phase of the exchange takes it instead of checking config.js again. */
export var CARRIED_CONFIG = 'pi.ase.carried.config';
