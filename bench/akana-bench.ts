// Akana pieces shared by the benchmark sections: config.js, the policy and bare-POST loop scripts, the captured sideband call (Node, bench).
import { readFileSync } from 'node:fs';
import { akanaNode, configScript, serviceName } from '../emulators/akana';
import { runScenarios, type RouteConfig, type Scenario, type ScriptRef, type Step } from '../emulators/akana';
import { BENCH_TOKEN, typicalAkanaCall } from './typical-call';
import { loopScript, type LoopSpec } from './rhino-loop';

/** The exchange property retain-header-policy.js leaves for pi_policy.js (policies/hosts/akana/exchange-keys.ts). */
const RETAINED_AUTHORIZATION = 'pi.ase.retained.authorization';

/** Production log levels: debug lines off, as on a busy gateway. */
export const QUIET_LOGS: Scenario['logLevels'] = { auditLog: 'warn', systemLog: 'warn' };

export interface AkanaBundles {
  piPolicy: string;
  retainHeader: string;
}

/** config.js for these node names (each an API registered in Akana), with benchmark token and options. */
export function benchConfig(tag: string, nodes: string[], options: Record<string, unknown> = {}): ScriptRef {
  return configScript({ aseToken: BENCH_TOKEN, nodes: nodes.map((n) => akanaNode(n, tag)), ...options });
}

/** The routing table entry for one node: Akana's container settings for that API. */
export function benchRoute(node: string, tag: string, route: RouteConfig): Record<string, RouteConfig> {
  return { [serviceName(node, tag)]: route };
}

/**
 * pi_policy.js, N times in one script execution, on the typical call. Before each (untimed) the
 * exchange gets the Authorization value retain-header-policy.js would have kept, since the policy
 * takes it and removes it.
 */
export function policyLoop(bundles: AkanaBundles, spec: Omit<LoopSpec, 'body' | 'beforeEach'>): ScriptRef {
  const { retainedAuthorization } = typicalAkanaCall();
  return loopScript({
    ...spec,
    beforeEach: `messageContext.getExchange().setProperty(${JSON.stringify(RETAINED_AUTHORIZATION)}, ${JSON.stringify(retainedAuthorization)});`,
    body: readFileSync(bundles.piPolicy, 'utf8')
  });
}

/** A request-phase step presenting the typical call. */
export function typicalStep(scripts: ScriptRef[], extra: Partial<Step> = {}): Step {
  return { scripts, parameterType: 0, message: typicalAkanaCall().message, ...extra };
}

export interface CapturedCall {
  body: string;
  headers: Array<[string, string]>;
}

/** What pi_policy.js sends for the typical call (body and headers), captured from one in-process run. */
export async function captureSideband(bundles: AkanaBundles): Promise<CapturedCall> {
  const tag = 'capture';
  const [result] = await runScenarios([
    {
      name: 'capture',
      routes: benchRoute('primary', tag, { baseUrl: 'inproc:200' }),
      logLevels: QUIET_LOGS,
      steps: [typicalStep([benchConfig(tag, ['primary']), policyLoop(bundles, { name: 'capture', iterations: 1 })])]
    }
  ]);
  const step = result.steps[0];
  if (step.exception) throw new Error(`capture run threw ${step.exception.message}`);
  const send = step.sends[0];
  if (!send || send.body === null || send.status !== 200) throw new Error('capture run sent nothing');
  const headers = (send.requestHeaders ?? []).slice();
  if (send.contentType) headers.push(['Content-Type', send.contentType]);
  return { body: send.body, headers: headers.filter(([n], i) => headers.findIndex(([m]) => m.toLowerCase() === n.toLowerCase()) === i) };
}

/**
 * How HttpURLConnection sends the body: 'fixed-length' streams it after the headers, as the fake
 * Messenger does (setFixedLengthStreamingMode); 'buffered' lets the connection buffer it and send
 * headers and body together.
 */
export type PostMode = 'fixed-length' | 'buffered';

/**
 * The floor of an Akana sideband call: one bare HttpURLConnection POST of the same bytes with the
 * same headers, reading the answer to its end (what keeps the connection alive), from the same script
 * engine. The body's bytes are prepared once, outside the timed region.
 */
export function barePostLoop(url: string, call: CapturedCall, spec: Omit<LoopSpec, 'body' | 'setup'>, mode: PostMode = 'fixed-length'): ScriptRef {
  const setup = [
    `var __postUrl = new java.net.URL(${JSON.stringify(url)});`,
    `var __postBody = new java.lang.String(${JSON.stringify(call.body)}).getBytes("UTF-8");`,
    'var __postBuf = java.lang.reflect.Array.newInstance(java.lang.Byte.TYPE, 8192);'
  ].join('\n');
  const headers = call.headers.map(([n, v]) => `  __c.setRequestProperty(${JSON.stringify(n)}, ${JSON.stringify(v)});`);
  const body = [
    '  var __c = __postUrl.openConnection(java.net.Proxy.NO_PROXY);',
    '  __c.setRequestMethod("POST");',
    '  __c.setDoOutput(true);',
    '  __c.setUseCaches(false);',
    '  __c.setInstanceFollowRedirects(false);',
    '  __c.setConnectTimeout(2000);',
    '  __c.setReadTimeout(5000);',
    ...headers,
    mode === 'fixed-length' ? '  __c["setFixedLengthStreamingMode(int)"](__postBody.length);' : '',
    '  var __os = __c.getOutputStream();',
    '  __os.write(__postBody);',
    '  __os.close();',
    '  var __status = __c.getResponseCode();',
    '  var __is = __status >= 400 ? __c.getErrorStream() : __c.getInputStream();',
    '  if (__is != null) { while (__is.read(__postBuf) !== -1) {} __is.close(); }',
    '  if (__status !== 200) throw new Error("bare POST answered " + __status);'
  ].join('\n');
  return loopScript({ ...spec, setup, body });
}
