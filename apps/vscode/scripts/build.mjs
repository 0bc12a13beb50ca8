// Bundles the extension into dist/extension.js and copies the language server's bundle next to it, so
// the .vsix is self-contained (it is packaged with --no-dependencies).
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const server = fileURLToPath(import.meta.resolve("@orchestrator/language-server/server.cjs"));

mkdirSync(`${root}dist`, { recursive: true });
await build({
  entryPoints: [`${root}src/extension.ts`],
  outfile: `${root}dist/extension.js`,
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  external: ["vscode"],
  minify: true,
  keepNames: true,
  sourcemap: true,
  logLevel: "warning",
});
if (!existsSync(server)) {
  console.error(
    `build: ${server} is missing: build @orchestrator/language-server first (turbo does, through ^build)`,
  );
  process.exit(1);
}
copyFileSync(server, `${root}dist/server.cjs`);
if (existsSync(`${server}.map`)) copyFileSync(`${server}.map`, `${root}dist/server.cjs.map`);
