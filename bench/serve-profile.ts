// CPU profile of the serving hot path under load: starts the site server of bench/serve.ts
// under `node --cpu-prof` (pinned to CPU 0), drives one format with autocannon from CPU 1, and
// prints the functions with the most self time during the measured seconds only (not the
// start-up: the samples are cut by their monotonic timestamps, the clock process.hrtime reads).
// The profile is kept in bench/results/.
// `--kind raw` profiles the raw node:http server instead, sending the site's plan (for comparing).
// Run: node --import tsx bench/serve-profile.ts [--format text/turtle] [--duration 6] [--top 25]
//   [--kind site|raw]
import { execFileSync, fork } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return (at < 0 ? undefined : process.argv[at + 1]) ?? fallback;
}
const accept = option('--format', 'text/turtle');
const duration = Number(option('--duration', '6'));
const top = Number(option('--top', '25'));
const kind = option('--kind', 'site');
const target = fileURLToPath(new URL('./serve-target.ts', import.meta.url));
const dir = fileURLToPath(new URL(`./results/profile-${String(Date.now())}/`, import.meta.url));
mkdirSync(dir, { recursive: true });

function pin(pid: number, cpu: number): void {
  try {
    execFileSync('taskset', ['-a', '-p', '-c', String(cpu), String(pid)], { stdio: 'ignore' });
  } catch {
    // No taskset: measured unpinned.
  }
}

pin(process.pid, 1);
function start(args: string[], profiled: boolean) {
  return fork(target, args, {
    execArgv: ['--import', 'tsx', ...(profiled ? ['--cpu-prof', '--cpu-prof-dir', dir] : [])],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
}
function message<T>(from: ReturnType<typeof start>): Promise<T> {
  return new Promise<T>((resolve) => {
    from.once('message', resolve);
  });
}
const site = start(['site', JSON.stringify([accept])], kind === 'site');
const started = await message<{ port: number; plans: Record<string, unknown> }>(site);
let child = site;
let { port } = started;
if (kind !== 'site') {
  child = start([kind], true);
  ({ port } = await message<{ port: number }>(child));
  const ready = message(child);
  child.send({ plan: started.plans[accept] });
  await ready;
  site.disconnect();
}
if (child.pid !== undefined) pin(child.pid, 0);
const options = {
  url: `http://127.0.0.1:${String(port)}/people/sheng-zha`,
  headers: { accept, 'accept-encoding': 'gzip' },
  connections: 50,
  pipelining: 1,
};
await autocannon({ ...options, duration: 1 });
const from = process.hrtime.bigint() / 1000n;
const result = await autocannon({ ...options, duration });
const to = process.hrtime.bigint() / 1000n;
await new Promise((resolve) => {
  child.once('exit', resolve);
  child.disconnect();
});
console.log(`${kind}, ${accept}: ${result.requests.average.toFixed(0)} req/s; profile in ${dir}`);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
if (file === undefined) throw new Error(`no profile written in ${dir}`);
const profile = JSON.parse(readFileSync(`${dir}${file}`, 'utf8')) as {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
};
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const self = new Map<string, number>();
let busy = 0;
let at = BigInt(profile.startTime);
profile.samples.forEach((id, index) => {
  at += BigInt(profile.timeDeltas[index] ?? 0);
  if (at < from || at > to) return;
  const frame = nodes.get(id)?.callFrame;
  if (frame === undefined || frame.functionName === '(idle)') return;
  const where = frame.url.replace(/^.*\/(src|node_modules)\//, '$1/').replace(/^file:\/\//, '');
  const key = `${frame.functionName || '(anonymous)'} ${where}:${String(frame.lineNumber + 1)}`;
  const delta = profile.timeDeltas[index] ?? 0;
  self.set(key, (self.get(key) ?? 0) + delta);
  busy += delta;
});
console.log(
  `self time, % of ${(busy / 1000).toFixed(0)} ms busy in the ${(Number(to - from) / 1000).toFixed(0)} ms measured:`,
);
for (const [key, micros] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`${((100 * micros) / busy).toFixed(1).padStart(5)}%  ${key}`);
