// Runs the CLI in a real pseudo-terminal (util-linux `script`), so interactive prompts are shown, and
// answers each prompt once the screen has settled — the way a person at a terminal would.
import { spawn } from "node:child_process";
import { CLI_BIN, cleanEnv } from "./cli.ts";

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escape sequences are what this strips.
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]|\u001b[()][A-Z0-9]|\u001b[78]/g;
const QUIET_MS = 250;

/** The prompt waiting for input: its text, the intro line above it, and the reason of a refused answer. */
export interface ActivePrompt {
  text: string;
  intro: string;
  typed: string;
  error?: string;
}

export interface TerminalResult {
  code: number | null;
  /** Everything shown, ANSI escapes removed. */
  screen: string;
}

/** Reads the last inquirer prompt (`? message …`) off the screen, with what is typed and any error. */
export function activePrompt(screen: string): ActivePrompt | undefined {
  const at = screen.lastIndexOf("? ");
  if (at < 0) return undefined;
  const rest = screen.slice(at + 2);
  const [first = "", ...more] = rest.split(/\r?\n/);
  const error = more
    .find((line) => line.startsWith("> "))
    ?.slice(2)
    .trim();
  const intro =
    [...screen.slice(0, at).matchAll(/^(Product(?: block)?: [^\r\n]+)/gm)].at(-1)?.[1]?.trim() ?? "";
  const colon = first.indexOf(":");
  const text = colon >= 0 ? first.slice(0, colon + 1).trim() : first.replace(/\(y\/N\)|\(Y\/n\)/, "").trim();
  const typed = colon >= 0 ? first.slice(colon + 1).trim() : "";
  return { text, intro, typed, ...(error ? { error } : {}) };
}

/**
 * `answer` is called whenever the screen is quiet and a prompt waits with nothing typed (or with a refused
 * answer); it returns the text to type, or undefined to leave the prompt alone.
 */
export function runInTerminal(
  args: string[],
  cwd: string,
  answer: (prompt: ActivePrompt, screen: string) => string | undefined,
  timeoutMs = 90_000,
): Promise<TerminalResult> {
  const cli = [process.execPath, CLI_BIN, ...args]
    .map((part) => `'${part.replace(/'/g, "'\\''")}'`)
    .join(" ");
  const child = spawn("script", ["-qfec", `stty cols 200 rows 60; ${cli}`, "/dev/null"], {
    cwd,
    env: cleanEnv({ NO_COLOR: undefined, TERM: "xterm-256color" }),
    stdio: ["pipe", "pipe", "pipe"],
    // Its own process group, so a timeout can stop the CLI too, not just `script`.
    detached: true,
  });
  let raw = "";
  let quiet: NodeJS.Timeout | undefined;
  let lastAnswered = "";
  const onQuiet = () => {
    const screen = raw.replace(ANSI, "");
    const prompt = activePrompt(screen);
    if (!prompt || (prompt.typed !== "" && !prompt.error)) return;
    const state = `${screen.length}`;
    if (state === lastAnswered) return;
    const text = answer(prompt, screen);
    if (text === undefined || !child.stdin.writable) return;
    lastAnswered = state;
    // Ctrl+U first: a prompt re-asked after a refused answer still holds the refused text.
    child.stdin.write(`\u0015${text}\r`);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      process.kill(-child.pid!, "SIGKILL");
      reject(new Error(`the terminal session timed out; screen so far:\n${raw.replace(ANSI, "")}`));
    }, timeoutMs);
    const onOutput = (chunk: Buffer) => {
      raw += chunk.toString();
      clearTimeout(quiet);
      quiet = setTimeout(onQuiet, QUIET_MS);
    };
    child.stdout.on("data", onOutput);
    child.stderr.on("data", onOutput);
    child.stdin.on("error", () => {}); // the session may end while an answer is on its way
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      clearTimeout(quiet);
      resolve({ code, screen: raw.replace(ANSI, "") });
    });
  });
}
