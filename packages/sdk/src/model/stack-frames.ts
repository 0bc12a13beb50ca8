// Reading positions out of V8 stack traces. Used to remember where a definition was written and where a
// model file threw while being imported. Works on the string form of `stack` so that a source-map aware
// Error.prepareStackTrace (vitest, --enable-source-maps) has already mapped the positions.
import { fileURLToPath } from "node:url";

export interface CallSite {
  file: string;
  /** 1-based, as V8 prints them. */
  line: number;
  column: number;
}

const FRAME = /^\s*at (?:.*?\()?((?:file:\/\/|\/|[A-Za-z]:[\\/]).*?):(\d+):(\d+)\)?\s*$/;

export function parseStackFrames(stack: string | undefined): CallSite[] {
  const sites: CallSite[] = [];
  for (const line of (stack ?? "").split("\n")) {
    const match = FRAME.exec(line);
    if (!match) continue;
    const [, raw, lineText, columnText] = match;
    sites.push({ file: toPath(raw!), line: Number(lineText), column: Number(columnText) });
  }
  return sites;
}

/**
 * One string per file: every location of a large model names its file, and a path cut out of a stack
 * trace would keep the whole trace alive (V8 shares the characters of substrings).
 */
const paths = new Map<string, string>();

function toPath(raw: string): string {
  const withoutQuery = raw.replace(/[?#].*$/, "");
  const path = withoutQuery.startsWith("file://") ? fileURLToPath(withoutQuery) : withoutQuery;
  let shared = paths.get(path);
  if (shared === undefined) {
    // A copy of the characters, not a view into the trace.
    shared = Buffer.from(path, "utf8").toString("utf8");
    paths.set(shared, shared);
  }
  return shared;
}

/** The frame that called `callee` (a public define* function). */
// biome-ignore lint/complexity/noBannedTypes: any function can be the frame boundary of captureStackTrace.
export function captureCallSite(callee: Function): CallSite | undefined {
  const holder: { stack?: string } = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 5;
  Error.captureStackTrace(holder, callee);
  Error.stackTraceLimit = limit;
  return parseStackFrames(holder.stack)[0];
}

/**
 * The file of the frame that called `callee`, from V8's structured frames: no line or column is
 * computed. V8 finds a position's line by scanning the script from its start, so formatting a stack in
 * a large model file costs time in proportion to the file, on every definition: a one-file model of a
 * thousand products spent most of its load there.
 */
// biome-ignore lint/complexity/noBannedTypes: any function can be the frame boundary of captureStackTrace.
export function callerFile(callee: Function): string | undefined {
  const holder: { stack?: unknown } = {};
  const prepare = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  let file: string | null | undefined;
  Error.prepareStackTrace = (_error, frames) => frames;
  Error.stackTraceLimit = 1;
  try {
    Error.captureStackTrace(holder, callee);
    // Read while the structured form is in force: V8 formats the stack when it is first read.
    const frames = holder.stack as NodeJS.CallSite[] | undefined;
    file = frames?.[0]?.getFileName();
  } finally {
    Error.prepareStackTrace = prepare;
    Error.stackTraceLimit = limit;
  }
  return file ? toPath(file) : undefined;
}
