import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The cache folder when neither `--cache` nor the configuration's `cache` names one. */
export const DEFAULT_CACHE_DIR = '.profile-graph/cache';

/** What a {@link CacheStore} did, for `--timings` and the tests. */
export interface CacheStats {
  hits: number;
  misses: number;
  /** Entries found but rejected: truncated, altered, or of another format. */
  rejected: number;
  /** Writes that failed (a read-only or full disk): the run goes on without them. */
  writeFailures: number;
}

/**
 * A content-addressed store of byte strings on disk, in `<dir>/<namespace>/<xx>/<key>`. Every
 * entry carries its length and SHA-256, checked on each read, so an entry cut short by a crash
 * or altered by hand reads as absent and is computed again. Entries are written to a temporary
 * file and renamed into place (POSIX rename(2) replaces atomically), so a reader, or another run
 * writing the same key at the same time, sees a whole entry or none. Deleting the folder at any
 * time only costs the work it saved.
 */
export interface CacheStore {
  readonly dir: string;
  readonly stats: CacheStats;
  /** The entry's bytes, or undefined when it is missing or fails its checksum. */
  get(namespace: string, key: string): Uint8Array | undefined;
  /** Stores an entry; never throws (a failed write is counted in {@link stats}). */
  put(namespace: string, key: string, bytes: Uint8Array): void;
}

const MAGIC = 'profile-graph-cache/1';
const NEWLINE = 0x0a;

/** The SHA-256 (hex) of the parts, each length-prefixed so no two lists of parts collide. */
export function hashParts(parts: readonly (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) {
    const bytes = typeof part === 'string' ? Buffer.from(part, 'utf8') : part;
    hash.update(`${String(bytes.length)}:`);
    hash.update(bytes);
  }
  return hash.digest('hex');
}

/** Opens (without creating: the first write does) the cache store in `dir`. */
export function openCacheStore(dir: string): CacheStore {
  const stats: CacheStats = { hits: 0, misses: 0, rejected: 0, writeFailures: 0 };
  const entryPath = (namespace: string, key: string) => {
    if (!/^[0-9a-f]{16,}$/.test(key)) throw new Error(`Not a cache key: ${key}`);
    return path.join(dir, namespace, key.slice(0, 2), key);
  };
  return {
    dir,
    stats,
    get(namespace, key) {
      let stored: Buffer;
      try {
        stored = readFileSync(entryPath(namespace, key));
      } catch {
        stats.misses++;
        return undefined;
      }
      const payload = verifiedPayload(stored);
      if (payload === undefined) {
        stats.rejected++;
        return undefined;
      }
      stats.hits++;
      return payload;
    },
    put(namespace, key, bytes) {
      const file = entryPath(namespace, key);
      const temporary = `${file}.${String(process.pid)}-${randomBytes(6).toString('hex')}.tmp`;
      try {
        mkdirSync(path.dirname(file), { recursive: true });
        const header = `${MAGIC} ${String(bytes.length)} ${sha256(bytes)}\n`;
        writeFileSync(temporary, Buffer.concat([Buffer.from(header, 'utf8'), bytes]));
        renameSync(temporary, file);
      } catch {
        stats.writeFailures++;
        try {
          rmSync(temporary, { force: true });
        } catch {
          // The folder it would be in does not exist: there is nothing to remove.
        }
      }
    },
  };
}

/** The payload of a stored entry when its header's length and checksum match it. */
function verifiedPayload(stored: Buffer): Uint8Array | undefined {
  const end = stored.indexOf(NEWLINE);
  if (end < 0) return undefined;
  const [magic, length, checksum, ...rest] = stored.subarray(0, end).toString('utf8').split(' ');
  if (magic !== MAGIC || rest.length > 0) return undefined;
  const payload = stored.subarray(end + 1);
  if (String(payload.length) !== length || sha256(payload) !== checksum) return undefined;
  return payload;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
