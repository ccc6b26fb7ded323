import type { JsonValue } from '../load/source-file.js';

/** A JSON object, as written to a data file. */
export type JsonObject = { [key: string]: JsonValue };

/** One data file an import writes: its path under the output folder (POSIX) and its node. */
export interface DataFileOut {
  path: string;
  json: JsonObject;
}

/** The `@context` every generated data file carries, as the files in data/ do. */
export const SCHEMA_CONTEXT = 'https://schema.org';

/**
 * A file name from a label: lower case ASCII letters and digits joined by hyphens
 * ("Université Paris-Saclay" → "universite-paris-saclay"); `fallback` when nothing is left.
 */
export function slugify(label: string | undefined, fallback: string): string {
  const slug = (label ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug === '' ? fallback : slug;
}

/**
 * Hands out data file paths (`organizations/acme`) that are unique within one import, and
 * writes each organization once when several entries name the same one.
 */
export class DataLayout {
  private readonly taken = new Set<string>();
  private readonly files: DataFileOut[] = [];
  private readonly byContent = new Map<string, string>();

  /** A free `folder/slug` (with `-2`, `-3`... when taken); the node's `@id` is it + `#id`. */
  allocate(folder: string, slug: string): string {
    let candidate = `${folder}/${slug}`;
    for (let n = 2; this.taken.has(candidate); n++) candidate = `${folder}/${slug}-${String(n)}`;
    this.taken.add(candidate);
    return candidate;
  }

  /** Adds a node as its own file; returns its `@id`. */
  add(folder: string, slug: string, node: JsonObject): string {
    const base = this.allocate(folder, slug);
    const id = `${base}#id`;
    this.files.push({ path: `${base}.jsonld`, json: withHeader(node, id) });
    return id;
  }

  /**
   * Adds a node unless an identical one was added before (the same organization named by two
   * entries); returns the `@id` of the one file that describes it.
   */
  addShared(folder: string, slug: string, node: JsonObject): string {
    const key = `${folder}\n${JSON.stringify(node)}`;
    const known = this.byContent.get(key);
    if (known !== undefined) return known;
    const id = this.add(folder, slug, node);
    this.byContent.set(key, id);
    return id;
  }

  /** Adds a file whose `@id` is given (the ProfilePage's `""`). */
  addAt(filePath: string, id: string, node: JsonObject): void {
    this.taken.add(filePath.replace(/\.jsonld$/, ''));
    this.files.push({ path: filePath, json: withHeader(node, id) });
  }

  /** The files in the order they were added. */
  result(): DataFileOut[] {
    return [...this.files];
  }
}

function withHeader(node: JsonObject, id: string): JsonObject {
  const { '@type': type, ...rest } = node;
  return { '@context': SCHEMA_CONTEXT, '@type': type ?? 'Thing', '@id': id, ...rest };
}

/** A reference to a node by its `@id`. */
export function ref(id: string): JsonObject {
  return { '@id': id };
}

/**
 * An object without its undefined members and empty lists, so a field the input lacks is
 * absent from the data, not written as `[]`.
 */
export function compact(object: Record<string, JsonValue | undefined>): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(object)) {
    if (value === undefined) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    out[key] = value;
  }
  return out;
}

/** A node or undefined when it has nothing but its type. */
export function nodeOrNothing(node: JsonObject): JsonObject | undefined {
  return Object.keys(node).some((key) => key !== '@type') ? node : undefined;
}
