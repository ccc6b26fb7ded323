import type { ServerResponse } from 'node:http';
import type { ResponsePlan } from './respond.js';

/**
 * Flat `[name, value, …]` arrays of shared header objects. node:http walks an object with
 * `for…in` plus an own-property check per field, an array by index; the hot path sends the same
 * few frozen header objects again and again, so each is flattened once.
 */
const flatHeaders = new WeakMap<object, string[]>();

/**
 * Writes a planned response to node:http: the one place a plan from `http/` meets the socket.
 * Shared (frozen) header objects are written as their cached flat array; one-off ones as they
 * are. The bytes on the wire are the same either way.
 */
export function send(response: ServerResponse, plan: ResponsePlan): void {
  const { headers } = plan;
  let flat = flatHeaders.get(headers);
  if (flat === undefined && Object.isFrozen(headers)) {
    flat = Object.entries(headers).flat();
    flatHeaders.set(headers, flat);
  }
  response.writeHead(plan.status, flat ?? headers);
  response.end(plan.body);
}
