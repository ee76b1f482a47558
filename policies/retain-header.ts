// Entry of retain-header-policy.js: keeps Authorization before Akana's OAuth step deletes it (ES5 engine: Rhino).

import { readAkanaBindings, runRetainHeader } from './hosts/akana';

runRetainHeader(readAkanaBindings());
