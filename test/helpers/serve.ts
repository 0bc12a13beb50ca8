// `orchestrator serve` as a process: started on a free port, ready once it prints its URL, stopped with
// SIGTERM the way Ctrl-C or a service manager stops it.
import { type CliOptions, type CliResult, startCli } from "./cli.ts";

export interface ServeProcess {
  url: string;
  /** Output so far (the warning lines are on stderr). */
  output(): { stdout: string; stderr: string };
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  getJson<T = unknown>(path: string): Promise<T>;
  /** Sends SIGTERM and waits for the process to end. */
  stop(): Promise<CliResult>;
}

/** Starts `serve --port 0` (any free port) and resolves once it listens, or rejects if it exits first. */
export async function startServe(args: string[], options: CliOptions): Promise<ServeProcess> {
  const { child, result } = startCli(["serve", "--port", "0", ...args], options);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk) => (stdout += chunk));
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const onData = () => {
      const match = /at (http:\/\/\S+\/)/.exec(stdout);
      if (match) {
        child.stdout!.off("data", onData);
        resolve(match[1]!);
      }
    };
    child.stdout!.on("data", onData);
    result.then((r) =>
      reject(new Error(`serve exited (${r.code}) before listening:\n${r.stdout}\n${r.stderr}`)),
    );
  });
  const get = (path: string, headers: Record<string, string> = {}) => fetch(new URL(path, url), { headers });
  return {
    url,
    output: () => ({ stdout, stderr }),
    get,
    getJson: async <T>(path: string) => {
      const response = await get(path);
      if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    },
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      return result;
    },
  };
}
