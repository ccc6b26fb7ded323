import type { JsonLdProfile } from '../rdf/serialize.js';
import type { RenderInputs } from './render-inputs.js';
import type { Representation } from './representation.js';

/** A resource's rendered representations: what {@link RenderCache} holds per path. */
export interface Rendered {
  representations: readonly Representation[];
  jsonLdProfiles?: Readonly<Partial<Record<JsonLdProfile, Representation>>>;
  /** What the rendering read, when recorded (see `RenderInputs`). */
  inputs?: RenderInputs;
}

/**
 * The rendered resources `serve` keeps, least recently used first out, within a byte budget
 * (the sum of every variant's body). A Map iterates in insertion order, so re-inserting on use
 * keeps the oldest first; eviction is O(1) per entry.
 */
export class RenderCache<T extends Rendered = Rendered> {
  readonly maxBytes: number;
  #bytes = 0;
  readonly #entries = new Map<string, { rendered: T; bytes: number }>();
  /**
   * The most recently used path. A hot document is asked for again and again; re-inserting it
   * each time (a Map delete + set) was most of a cached request's cost, and the order does not
   * change when it is already the newest.
   */
  #newest: string | undefined;

  constructor(maxBytes: number) {
    this.maxBytes = maxBytes;
  }

  /** The rendered resource, marked as just used; undefined when absent or evicted. */
  get(path: string): T | undefined {
    const entry = this.#entries.get(path);
    if (entry === undefined) return undefined;
    if (path !== this.#newest) {
      this.#entries.delete(path);
      this.#entries.set(path, entry);
      this.#newest = path;
    }
    return entry.rendered;
  }

  /** The rendered resource without marking it used (reads within one request). */
  peek(path: string): T | undefined {
    return this.#entries.get(path)?.rendered;
  }

  /** Adds a rendered resource, evicting the least recently used ones beyond the budget. */
  set(path: string, rendered: T): void {
    const previous = this.#entries.get(path);
    if (previous) {
      this.#bytes -= previous.bytes;
      this.#entries.delete(path);
    }
    const bytes = sizeOf(rendered);
    this.#entries.set(path, { rendered, bytes });
    this.#newest = path;
    this.#bytes += bytes;
    // The newest entry always stays, even alone over budget: the request that rendered it
    // reads it next.
    for (const [oldest, entry] of this.#entries) {
      if (this.#bytes <= this.maxBytes || oldest === path) break;
      this.#entries.delete(oldest);
      this.#bytes -= entry.bytes;
    }
  }

  /** How many resources and bytes are held (for reports and tests). */
  get size(): { resources: number; bytes: number } {
    return { resources: this.#entries.size, bytes: this.#bytes };
  }
}

function sizeOf(rendered: Rendered): number {
  const all = [...rendered.representations, ...Object.values(rendered.jsonLdProfiles ?? {})];
  let bytes = 0;
  for (const representation of all)
    for (const variant of Object.values(representation.variants)) bytes += variant.body.length;
  return bytes;
}
