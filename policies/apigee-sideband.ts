// Entry of pi-sideband.js, the Apigee shared flow's Javascript step (request and response flows; ES5 engine: Rhino).

import { readApigeeBindings, readApigeeSettings, runApigeeSideband } from './hosts/apigee';

runApigeeSideband(readApigeeBindings(), readApigeeSettings());
