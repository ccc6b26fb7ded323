import type { ServerResponse } from 'node:http';
import type { ResponsePlan } from './respond.js';

/**
 * Writes a planned response to node:http: the one place a plan from `http/` meets the socket.
 * The header object is passed as planned (shared and frozen on the hot path), never copied.
 */
export function send(response: ServerResponse, plan: ResponsePlan): void {
  response.writeHead(plan.status, plan.headers);
  response.end(plan.body);
}
