// Whether a file still holds the content that was evaluated. A stat is cheap and catches nearly every
// change, but file times only move once per kernel clock tick: a rewrite of the same length within the
// tick of the previous write (an editor's save right after a formatter's, a test writing twice) keeps
// size and times. So, as git does for its "racily clean" entries, a file whose modification time is
// not safely older than the moment its content was read is compared by content hash, and so is any file
// whose stat changed (a touch or a checkout that rewrote the same bytes is not a change).
import { createHash } from "node:crypto";
import { readFileSync, type Stats, statSync } from "node:fs";

/**
 * How much older than the read a modification time must be to trust it. File times come from a coarse
 * clock (one tick is 1–10 ms); the margin also covers a wall clock that moved a little.
 */
const RACY_WINDOW_MS = 1000;

export interface FileFingerprint {
  stat: string;
  /** Content hash, or "missing". */
  hash: string;
  /** Modification time, and when the content was read (ms since the epoch). */
  mtimeMs: number;
  readAtMs: number;
}

export function contentHash(content: string | Uint8Array): string {
  return createHash("sha1").update(content).digest("base64");
}

/** The fingerprint of `content`, which was just read from `path` (as Node's module loader did). */
export function fingerprintOf(
  path: string,
  content: string | Uint8Array,
  readAtMs = Date.now(),
): FileFingerprint {
  const stat = statSync(path, { throwIfNoEntry: false });
  return { stat: statSignature(stat), hash: contentHash(content), mtimeMs: stat?.mtimeMs ?? 0, readAtMs };
}

/** The file's fingerprint now, read from disk. */
export function currentFingerprint(path: string): FileFingerprint {
  const readAtMs = Date.now();
  let content: Buffer;
  try {
    content = readFileSync(path);
  } catch {
    return { stat: "missing", hash: "missing", mtimeMs: 0, readAtMs };
  }
  return fingerprintOf(path, content, readAtMs);
}

/**
 * Whether the file differs from `recorded`. Returns the fingerprint to keep when it does not (it may
 * carry a newer stat and read time, so the next check can trust the stat again), or `undefined` when
 * the content changed.
 */
export function unchangedFingerprint(path: string, recorded: FileFingerprint): FileFingerprint | undefined {
  const stat = statSync(path, { throwIfNoEntry: false });
  const racy = recorded.mtimeMs >= recorded.readAtMs - RACY_WINDOW_MS;
  if (statSignature(stat) === recorded.stat && !racy) return recorded;
  const now = currentFingerprint(path);
  return now.hash === recorded.hash ? now : undefined;
}

function statSignature(stat: Stats | undefined): string {
  return stat ? `${stat.ino}:${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}` : "missing";
}
