// Writes oclif.manifest.json after a build: with it, `orchestrator --help` and the command lookup read
// one JSON file instead of importing every command (and with them the SDK, MikroORM and the database
// drivers), which took seconds. Run by `pnpm build`; the file is a build output, not committed.
import { rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Config } from "@oclif/core";

const root = fileURLToPath(new URL("..", import.meta.url));
const target = new URL("../oclif.manifest.json", import.meta.url);
// A stale manifest would be read back instead of the commands just built.
rmSync(target, { force: true });
const config = await Config.load({ root });
const plugin = config.getPluginsList().find((candidate) => candidate.root === config.root);
if (!plugin || Object.keys(plugin.manifest.commands).length === 0) {
  console.error(`write-manifest: no commands found under ${root}dist/commands`);
  process.exit(1);
}
writeFileSync(target, `${JSON.stringify(plugin.manifest, null, 2)}\n`);
