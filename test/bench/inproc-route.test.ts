// Tests of the fake Akana host's in-process ASE answer ("inproc:STATUS" routes) used by the benchmarks (Node, vitest; spawns a JVM).
import { describe, expect, it } from 'vitest';
import { rhinoAvailable, runScenarios, type RouteConfig, type Scenario } from '../../emulators/akana';

const engine = rhinoAvailable();
const ASE = '{urn:bench}ase';

/** Sends one exchange to ASE and copies what came back onto the calling exchange. */
const SEND = `
var ex = msgrService.createExchangeFactory().createInOut();
ex.setServiceName("${ASE}");
ex.setInterfaceName("{urn:bench}ase_PortType");
ex.setOperationName("postRequestMetadata");
var req = ex.createInMessage();
req.setContentType("application/json");
req.setStringContent('{"hello":"ase"}');
var h = req.createTransportHeaders();
h.add("X-CorrelationID", "c-1");
req.setTransportHeaders(h);
msgrService.getMessenger().send(ex);
var me = messageContext.getExchange();
me.setProperty("exStatus", String(ex.getStatus()));
var out = ex.getOutMessage();
if (out !== null) {
  me.setProperty("status", String(out.getProperty("http.status.code.property")));
  me.setProperty("statusClass", String(out.getProperty("http.status.code.property").getClass().getName()));
  me.setProperty("body", String(out.getContentAsString()));
}
var fault = ex.getFaultMessage();
if (fault !== null) me.setProperty("faultStatus", String(fault.getProperty("http.status.code.property")));
`;

function scenario(name: string, route: Partial<RouteConfig>): Scenario {
  return { name, routes: { [ASE]: { baseUrl: 'inproc:200', ...route } }, steps: [{ scripts: [{ name: `${name}.js`, source: SEND }] }] };
}

describe.skipIf(!engine.ok)(`in-process ASE answers of the fake Akana host (${engine.reason})`, () => {
  it('answers the route\'s status without HTTP, records the send, and honours statusType and errorStatusAs', async () => {
    const results = await runScenarios(
      [
        scenario('ok', {}),
        scenario('string-status', { baseUrl: 'inproc:403', statusType: 'string' }),
        scenario('as-fault', { baseUrl: 'inproc:503', errorStatusAs: 'fault' }),
        scenario('bad-status', { baseUrl: 'inproc:99' })
      ],
      { allowHarnessErrors: true }
    );
    const [ok, stringStatus, asFault, bad] = results;
    const step = ok.steps[0];
    expect(step.exception).toBeNull();
    expect(step.exchangeProperties).toMatchObject({ exStatus: '1', status: '200', statusClass: 'java.lang.Integer', body: '{"message":"allowed"}' });
    expect(step.sends).toHaveLength(1);
    expect(step.sends[0]).toMatchObject({ url: 'inproc:200/ase/request', status: 200, body: '{"hello":"ase"}', requestHeaders: [['X-CorrelationID', 'c-1']] });

    expect(stringStatus.steps[0].exchangeProperties).toMatchObject({ status: '403', statusClass: 'java.lang.String' });
    expect(asFault.steps[0].exchangeProperties).toMatchObject({ exStatus: '2', faultStatus: '503' });
    expect(asFault.steps[0].exchangeProperties.status).toBeUndefined();
    expect(bad.error).toContain('inproc status must be 100-599');
  }, 60000);
});
