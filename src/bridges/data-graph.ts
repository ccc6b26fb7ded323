import type { JsonValue, SourceFile } from '../load/source-file.js';
import type { JsonObject } from './data-files.js';
import { asList, hasType, isNode } from './kept.js';

/**
 * The data files' node objects by `@id`, so an export can follow `{"@id": ...}` links between
 * files as the graph does. Built from the JSON of validated files: ids are compared as
 * written, which holds for data in this project's layout (relative ids resolved against one
 * base URL).
 */
export class DataGraph {
  private readonly byId = new Map<string, JsonObject>();
  /** Every top-level node, in file order. */
  readonly topLevel: JsonObject[] = [];

  constructor(sources: readonly SourceFile[]) {
    for (const source of sources) {
      for (const node of topNodes(source.json)) {
        this.topLevel.push(node);
        this.index(node);
      }
    }
  }

  private index(value: JsonValue): void {
    if (Array.isArray(value)) {
      for (const item of value) this.index(item);
      return;
    }
    if (!isNode(value)) return;
    const id = idOf(value);
    // A bare reference says nothing about the node; the description elsewhere wins.
    if (id !== undefined && Object.keys(value).some((key) => key !== '@id' && key !== 'id')) {
      const known = this.byId.get(id);
      this.byId.set(id, known === undefined ? value : { ...value, ...known });
    }
    for (const [key, item] of Object.entries(value)) if (key !== '@context') this.index(item);
  }

  /** A node by its `@id`. */
  node(id: string): JsonObject | undefined {
    return this.byId.get(id);
  }

  /** The nodes a property's values are: references followed, embedded nodes as they are. */
  follow(node: JsonObject | undefined, property: string): JsonObject[] {
    if (node === undefined) return [];
    return asList(node[property]).flatMap((value) => {
      return isNode(value) ? [this.resolve(value)] : [];
    });
  }

  /** The node a reference names (itself when embedded or unknown). */
  resolve(node: JsonObject): JsonObject {
    const id = idOf(node);
    return (id === undefined ? undefined : this.byId.get(id)) ?? node;
  }

  /**
   * The person to export: the configured main entity, else the ProfilePage's mainEntity,
   * else the first Person in file order.
   */
  person(mainEntity: string | undefined): JsonObject | undefined {
    const configured = mainEntity ? this.byId.get(mainEntity) : undefined;
    if (configured !== undefined && hasType(configured, 'Person')) return configured;
    const fromPage = this.ofType('ProfilePage')
      .flatMap((page) => this.follow(page, 'mainEntity'))
      .find((node) => hasType(node, 'Person'));
    return fromPage ?? this.ofType('Person')[0];
  }

  /** The first node a property links to. */
  first(node: JsonObject | undefined, property: string): JsonObject | undefined {
    return this.follow(node, property)[0];
  }

  /**
   * The works the person wrote: those the ProfilePage lists in `hasPart` (in its order), then
   * the other CreativeWorks whose author is the person, in file order. Software and pages are
   * not among them.
   */
  worksBy(page: JsonObject | undefined, personId: string | undefined): JsonObject[] {
    const listed = this.follow(page, 'hasPart');
    const authored = this.topLevel.filter(
      (node) =>
        !listed.includes(node) &&
        !['ProfilePage', 'SoftwareSourceCode', 'SoftwareApplication', 'WebSite', 'WebPage'].some(
          (type) => hasType(node, type),
        ) &&
        this.follow(node, 'author').some((author) => idOf(author) === personId),
    );
    return [...listed, ...authored];
  }

  /** The ProfilePage whose mainEntity is `person`. */
  pageOf(person: JsonObject): JsonObject | undefined {
    return this.ofType('ProfilePage').find((page) =>
      this.follow(page, 'mainEntity').some((node) => node === person),
    );
  }

  /** Top-level nodes of a type, in file order. */
  ofType(type: string): JsonObject[] {
    return this.topLevel.filter((node) => hasType(node, type));
  }
}

function topNodes(json: JsonValue): JsonObject[] {
  if (Array.isArray(json)) return json.filter(isNode);
  if (!isNode(json)) return [];
  if (Array.isArray(json['@graph'])) return json['@graph'].filter(isNode);
  return [json];
}

/** A node's `@id` (or `id`). */
export function idOf(node: JsonObject): string | undefined {
  const id = node['@id'] ?? node.id;
  return typeof id === 'string' ? id : undefined;
}

/** A property's texts: strings and `@value`s, in order. */
export function textsOf(node: JsonObject | undefined, property: string): string[] {
  if (node === undefined) return [];
  return asList(node[property]).flatMap((value) => {
    if (typeof value === 'string') return [value];
    if (typeof value === 'number') return [String(value)];
    if (isNode(value) && typeof value['@value'] === 'string') return [value['@value']];
    return [];
  });
}

/** A property's first text. */
export function textOf(node: JsonObject | undefined, property: string): string | undefined {
  return textsOf(node, property)[0];
}

/** A property's first URL: a string, or the `@id` or `url` of a node. */
export function urlOf(node: JsonObject | undefined, property: string): string | undefined {
  if (node === undefined) return undefined;
  for (const value of asList(node[property])) {
    if (typeof value === 'string') return value;
    if (isNode(value)) {
      const url = idOf(value) ?? (typeof value.url === 'string' ? value.url : undefined);
      if (url !== undefined) return url;
    }
  }
  return undefined;
}
