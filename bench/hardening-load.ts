// The autocannon side of bench/hardening.ts, in its own process so 200 connections' worth of
// client work does not slow the probes that measure the server's responsiveness.
import autocannon from 'autocannon';

/** What bench/hardening.ts sends to start a run. */
export interface LoadPlan {
  origin: string;
  connections: number;
  durationSeconds: number;
  requests: {
    method: 'GET' | 'POST';
    path: string;
    headers: Record<string, string>;
    body?: string;
  }[];
}

/** What this process sends back when the run is over. */
export interface LoadReport {
  requests: number;
  statusCounts: Record<string, number>;
  errors: number;
  timeouts: number;
  p99Ms: number;
}

process.once('message', (plan: LoadPlan) => {
  void autocannon({
    url: plan.origin,
    connections: plan.connections,
    duration: plan.durationSeconds,
    requests: plan.requests,
    // A request still unanswered after 10 s counts as a timeout (an error), not a hang.
    timeout: 10,
  }).then((result) => {
    const statusCounts: Record<string, number> = {};
    for (const [status, stats] of Object.entries(result.statusCodeStats ?? {}))
      statusCounts[status] = stats.count ?? 0;
    const report: LoadReport = {
      requests: result.requests.total,
      statusCounts,
      errors: result.errors,
      timeouts: result.timeouts,
      p99Ms: result.latency.p99,
    };
    process.send?.(report, () => process.exit(0));
  });
});
