// dist/server.cjs: the server and vscode-languageserver in one CommonJS file, which the VS Code
// extension ships and starts over IPC. The SDK stays outside: it is loaded at run time from the user's
// project (see src/sdk.ts), because its registry loader starts a worker from its own files.
import { build } from "esbuild";

await build({
  entryPoints: [new URL("../src/main.ts", import.meta.url).pathname],
  outfile: new URL("../dist/server.cjs", import.meta.url).pathname,
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node24",
  external: ["@orchestrator/sdk"],
  sourcemap: true,
  logLevel: "warning",
});
