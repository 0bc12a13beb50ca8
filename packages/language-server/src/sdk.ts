// The SDK is loaded at run time from the user's project first, and only then from beside this server.
// Model files import `@orchestrator/sdk` from the project's node_modules; the registry loader, the
// worker thread it starts and the embedded database's WASM files live next to that copy. The server
// bundle (dist/server.cjs, shipped inside the VS Code extension) therefore never bundles the SDK:
// it uses the project's own version, as editor integrations of ESLint or Prettier do.
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type * as Sdk from "@orchestrator/sdk";

export type SdkModule = typeof Sdk;

/** A variable, so that bundlers leave the fallback import alone (it must resolve at run time). */
const SDK_PACKAGE = "@orchestrator/sdk";

export async function loadSdk(projectRoot: string): Promise<{ sdk: SdkModule; from: string }> {
  let resolved: string | undefined;
  try {
    resolved = createRequire(join(projectRoot, "orchestrator-language-server.cjs")).resolve(SDK_PACKAGE);
  } catch {
    resolved = undefined;
  }
  if (resolved) return { sdk: (await import(pathToFileURL(resolved).href)) as SdkModule, from: resolved };
  return { sdk: (await import(SDK_PACKAGE)) as SdkModule, from: "the language server's own dependency" };
}
