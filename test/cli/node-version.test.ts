// Under Node < 24 every entry point stops at once with one line naming the version it needs and found,
// exit 1, no stack trace. Needs an older node: ORCHESTRATOR_OLD_NODE, else the system's /usr/bin/node
// when it is older than 24 (Debian's is 20); skipped, saying why, when there is none.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CLI_BIN } from "../helpers/cli.ts";

const LANGUAGE_SERVER_BIN = fileURLToPath(
  new URL("../../packages/language-server/bin/orchestrator-language-server.js", import.meta.url),
);

function olderNode(): { path: string; version: string } | undefined {
  const path = process.env.ORCHESTRATOR_OLD_NODE ?? "/usr/bin/node";
  if (!existsSync(path)) return undefined;
  const version = execFileSync(path, ["-p", "process.versions.node"], { encoding: "utf8" }).trim();
  return Number(version.split(".")[0]) < 24 ? { path, version } : undefined;
}

const old = olderNode();

describe.skipIf(!old)(
  `entry points under Node ${old?.version ?? "< 24 (none found: set ORCHESTRATOR_OLD_NODE)"}`,
  () => {
    for (const [name, bin, args] of [
      ["orchestrator", CLI_BIN, ["db", "check"]],
      ["orchestrator-language-server", LANGUAGE_SERVER_BIN, ["--stdio"]],
    ] as const) {
      it(`${name} says which Node it needs and exits 1`, () => {
        const result = spawnSync(old!.path, [bin, ...args], { encoding: "utf8", input: "" });
        expect(result.status).toBe(1);
        expect(result.stderr).toBe(`${name} needs Node.js 24 or newer (found ${old!.version})\n`);
        expect(result.stdout).toBe("");
      });
    }
  },
);
