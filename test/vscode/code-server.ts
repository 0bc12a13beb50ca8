// A real VS Code for end-to-end tests: code-server (installed by scripts/install-editor-tools.sh) with the
// freshly packaged extension, its own user-data and extensions folders, on 127.0.0.1. Missing tools fail
// the test with the command that installs them: this test never skips.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { cleanEnv } from "../helpers/cli.ts";

export const REPO = fileURLToPath(new URL("../../", import.meta.url));
const EXTENSION_DIR = join(REPO, "apps/vscode");
export const CODE_SERVER_BIN = join(
  process.env.ORCHESTRATOR_CODE_SERVER_DIR ?? join(REPO, ".tools/code-server"),
  "bin/code-server",
);
export const CHROMIUM_BIN = process.env.ORCHESTRATOR_CHROMIUM ?? "/usr/bin/chromium";

/** Throws, naming the installer, when code-server, chromium or the built extension is missing. */
export function requireEditorTools(): void {
  const missing: string[] = [];
  if (!existsSync(CODE_SERVER_BIN)) missing.push(`code-server (expected at ${CODE_SERVER_BIN})`);
  if (!existsSync(CHROMIUM_BIN)) missing.push(`chromium (expected at ${CHROMIUM_BIN})`);
  if (missing.length > 0) {
    throw new Error(
      `The VS Code end-to-end test needs ${missing.join(" and ")}.\n` +
        "Install them with: scripts/install-editor-tools.sh (Debian packages + code-server from npm).",
    );
  }
  for (const file of ["dist/extension.js", "dist/server.cjs"]) {
    if (!existsSync(join(EXTENSION_DIR, file))) {
      throw new Error(
        `apps/vscode/${file} is missing: build first (pnpm run build, or pnpm turbo run build).`,
      );
    }
  }
}

/** Packages apps/vscode into `out` (a .vsix): the same steps as `pnpm --filter orchestrator-vscode package`. */
export function packageExtension(out: string): string {
  const vsce = join(EXTENSION_DIR, "node_modules/@vscode/vsce/vsce");
  execFileSync(process.execPath, [vsce, "package", "--no-dependencies", "--out", out], {
    cwd: EXTENSION_DIR,
    stdio: ["ignore", "ignore", "pipe"],
  });
  return out;
}

export interface CodeServer {
  url: string;
  /** user-data-dir: settings and logs (the extension host's and the language server's output). */
  userDataDir: string;
  /** The tail of the extension host's and the Orchestrator output channel's logs, for failure messages. */
  logs(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Where settings, extensions and logs go (wiped first). */
  home: string;
  vsix: string;
  /** User settings (settings.json). */
  settings: Record<string, unknown>;
}

export async function startCodeServer(options: StartOptions): Promise<CodeServer> {
  const { home } = options;
  rmSync(home, { recursive: true, force: true });
  const userDataDir = join(home, "user-data");
  const extensionsDir = join(home, "extensions");
  mkdirSync(join(userDataDir, "User"), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(join(userDataDir, "User/settings.json"), JSON.stringify(options.settings, null, 2));
  const port = await freePort();
  const config = join(home, "config.yaml");
  writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const common = ["--config", config, "--user-data-dir", userDataDir, "--extensions-dir", extensionsDir];
  const env = cleanEnv({
    HOME: home,
    XDG_CONFIG_HOME: join(home, "xdg-config"),
    XDG_DATA_HOME: join(home, "xdg-data"),
  });

  execFileSync(CODE_SERVER_BIN, [...common, "--install-extension", options.vsix], { env, stdio: "pipe" });

  const child: ChildProcess = spawn(
    CODE_SERVER_BIN,
    [
      ...common,
      "--disable-telemetry",
      "--disable-update-check",
      "--disable-workspace-trust",
      "--disable-getting-started-override",
    ],
    { env, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`code-server did not answer on ${url} within 30 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    url,
    userDataDir,
    logs: () => `--- code-server ---\n${output.slice(-3000)}\n${extensionLogs(userDataDir)}`,
    stop: async () => {
      if (child.exitCode !== null) return;
      // The language server and the extension host are children in code-server's process group.
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        return;
      }
      const killed = setTimeout(() => {
        try {
          process.kill(-child.pid!, "SIGKILL");
        } catch {
          // gone already
        }
      }, 5_000);
      await exited;
      clearTimeout(killed);
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The newest extension-host and Orchestrator output logs (logs/<session>/…), last lines of each. */
function extensionLogs(userDataDir: string): string {
  const files: string[] = [];
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/exthost\.log$|Orchestrator\.log$/.test(name)) files.push(path);
    }
  };
  walk(join(userDataDir, "logs"));
  return files
    .map((file) => `--- ${file} ---\n${readFileSync(file, "utf8").split("\n").slice(-40).join("\n")}`)
    .join("\n");
}
