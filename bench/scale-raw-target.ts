// The ceiling for bench/scale.ts's hot-path comparison: a minimal node:http server that answers
// every request with one recorded response (status, headers and body bytes, as profile-graph's
// server sent them), no routing, no negotiation. Runs in its own process (its own core and event
// loop), reports its port over IPC and exits when the harness disconnects.
//   node --import tsx bench/scale-raw-target.ts RESPONSE.json
// RESPONSE.json: { "status": 200, "headers": ["Name", "value", …], "body": "<base64>" }
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';

/** A recorded response, as bench/scale.ts writes it for this server. */
export interface RecordedResponse {
  status: number;
  /** Raw header lines, name and value alternating (Date and connection headers left out). */
  headers: string[];
  /** The body, base64. */
  body: string;
}

const file = process.argv[2];
if (file === undefined) {
  console.error('usage: node --import tsx bench/scale-raw-target.ts RESPONSE.json');
  process.exit(2);
}
const recorded = JSON.parse(await readFile(file, 'utf8')) as RecordedResponse;
const body = Buffer.from(recorded.body, 'base64');

const server = createServer((_request, response) => {
  response.writeHead(recorded.status, recorded.headers);
  response.end(body);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
});
process.on('disconnect', () => process.exit(0));
