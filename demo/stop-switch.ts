// A loopback switch that stops the primary ASE stand-in when a step of the demo's one JVM run calls it (Node).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AseStandin } from '../standin';

/**
 * A loopback endpoint that stops the primary stand-in. A step of the same scenario calls it, so the
 * primary dies between two calls of ONE JVM run and the policy's node health (JVM system properties)
 * carries over, as in a gateway that keeps running.
 */
export async function stopSwitch(primary: AseStandin): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (req.url !== '/stop-primary') {
      res.writeHead(404).end();
      return;
    }
    primary.setFaults({ mode: 'refuse' }).then(
      () => res.writeHead(204).end(),
      () => res.writeHead(500).end()
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/stop-primary`;
  return { url, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
