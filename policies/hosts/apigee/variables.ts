// Names of the flow variables the Apigee shared flow and its script share (ES5 engine; the bundle's XML is rendered from the same names).
//
// The script never answers the client or touches a cache itself: it reads and writes these flow
// variables, and the shared flow's KeyValueMapOperations, LookupCache, PopulateCache and RaiseFault
// steps act on them. The request flow's variables are still there in the response flow of the call.

export var FLOW_VARIABLES = {
  /** The sideband token, read from the encrypted KVM by KeyValueMapOperations ('private.': hidden in Debug). */
  aseToken: 'private.pi.ase.token',
  /** The hashSecrets salt, read from the same KVM. */
  hashSalt: 'private.pi.ase.hash_salt',
  /** The X-CorrelationID of /ase/request; the response flow sends /ase/response with it. */
  correlationId: 'pi.ase.correlation_id',
  /** The ASE node that answered /ase/request; /ase/response goes there first. */
  node: 'pi.ase.node',
  /** "403" or "503" when the call is stopped: the RaiseFault steps' Conditions test it. */
  blocked: 'pi.ase.blocked',
  /** The stopped call's answer body (the core's one client body), the RaiseFault Payload. */
  clientBody: 'pi.ase.client_body',
  /** The request and response phases' outcome codes, for the operator's own logging. */
  requestCode: 'pi.ase.request_code',
  responseCode: 'pi.ase.response_code',
  /** Every warn and error line of this call, one per line (print() reaches only Debug). */
  log: 'pi.ase.log',
  /** Node health as LookupCache found it (null without a cache or on a miss). */
  healthCached: 'pi.ase.health_cached',
  /** Node health after this call, for PopulateCache, and "true" when it changed. */
  healthUpdate: 'pi.ase.health_update',
  healthChanged: 'pi.ase.health_changed'
};

/** The KVM entries the KeyValueMapOperations step reads (and apigee-deploy writes). */
export var KVM_ENTRIES = {
  aseToken: 'ase_token',
  hashSalt: 'hash_salt'
};
