/**
 * What profile-graph reads of a `fetch` answer: the global `Response` and undici's own (the
 * store client's transport, see `store/store-client.ts`) both fit it. An interface, not the
 * class: the two `Response` classes are distinct, and code that reads an answer should not care
 * which fetch made it.
 */
export interface FetchResponse {
  readonly ok: boolean;
  readonly status: number;
  readonly statusText: string;
  readonly headers: { get(name: string): string | null };
  readonly body: ReadableStream<Uint8Array> | null;
  text(): Promise<string>;
  arrayBuffer(): Promise<ArrayBuffer>;
}
