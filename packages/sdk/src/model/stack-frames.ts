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

function toPath(raw: string): string {
  const withoutQuery = raw.replace(/[?#].*$/, "");
  return withoutQuery.startsWith("file://") ? fileURLToPath(withoutQuery) : withoutQuery;
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
