// Shared by the in-process and the worker loader: import the user's module, find its registry, and turn
// what it throws into typed errors that point into the user's files.
import { type ResolveFnOutput, registerHooks } from "node:module";
import { dirname, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { OrchestratorError } from "../errors.ts";
import { isRegistry } from "./definitions.ts";
import type { DomainModel, SourceLocation } from "./domain-model.ts";
import { ModelError, RegistryLoadError } from "./model-errors.ts";
import { keepModelSources } from "./model-sources.ts";
import { normalizeRegistry } from "./normalize-registry.ts";
import { forgetSourceTexts, siteLocation } from "./source-index.ts";
import { parseStackFrames } from "./stack-frames.ts";

/**
 * The SDK's package folder (…/sdk), whose frames are never "the user's": the folder above src/ or dist/
 * (this file is in src/model/, dist/model/, or a chunk of dist/bundle/).
 */
const SDK_ROOT = packageFolder(fileURLToPath(import.meta.url));

function packageFolder(file: string): string {
  const at = Math.max(file.lastIndexOf(`${sep}dist${sep}`), file.lastIndexOf(`${sep}src${sep}`));
  return at === -1 ? dirname(dirname(dirname(file))) : file.slice(0, at);
}

/** A file of the SDK itself (its sources or its build), as opposed to a user's model file. */
export function isSdkFile(file: string): boolean {
  return file.startsWith(`${SDK_ROOT}${sep}src${sep}`) || file.startsWith(`${SDK_ROOT}${sep}dist${sep}`);
}

/** The registry module's model: a new one on every call, which callers may change. */
export async function importRegistry(modulePath: string): Promise<DomainModel> {
  const url = pathToFileURL(resolve(modulePath)).href;
  let exports: Record<string, unknown>;
  forgetSourceTexts();
  const stopCaching = cacheDependencyResolution();
  const stopKeeping = keepModelSources((path) => !isDependencyFile(path));
  try {
    exports = await import(url);
  } catch (error) {
    throw asTypedError(modulePath, error);
  } finally {
    stopKeeping();
    stopCaching();
  }
  const registry = [exports.SUBSCRIPTION_MODEL_REGISTRY, exports.default].find(isRegistry);
  if (!registry) throw RegistryLoadError.notARegistry(modulePath, Object.keys(exports));
  return normalizeRegistry(registry);
}

/**
 * Node resolves a package name (`@orchestrator/sdk`) by looking for node_modules in every folder above
 * the importing file, anew for each file: 2 000 model files spent about 230 ms there. The answer depends
 * only on the importing file's folder, so it is kept per folder while the registry loads. Only answers in
 * node_modules or the SDK are kept: the language server's worker gives the user's own files a new URL
 * whenever they change (module-versions.ts), and a workspace package of models is such a file.
 */
function cacheDependencyResolution(): () => void {
  const resolved = new Map<string, ResolveFnOutput>();
  const hooks = registerHooks({
    resolve(specifier, context, nextResolve) {
      const parent = context.parentURL;
      if (!isPackageName(specifier) || parent === undefined) return nextResolve(specifier, context);
      const key = [
        parent.slice(0, parent.lastIndexOf("/")),
        specifier,
        ...context.conditions,
        JSON.stringify(context.importAttributes),
      ].join("\0");
      const cached = resolved.get(key);
      if (cached) return cached;
      const result = nextResolve(specifier, context);
      if (isDependency(result.url)) resolved.set(key, { ...result, shortCircuit: true });
      return result;
    },
  });
  return () => hooks.deregister();
}

/** `lodash`, `@scope/name/sub`: not a relative path, an absolute one, an `#import` or a URL (`node:fs`). */
const isPackageName = (specifier: string) => !/^([./#]|[a-z][a-z0-9+.-]*:)/i.test(specifier);

function isDependency(url: string): boolean {
  return url.startsWith("file:") && isDependencyFile(fileURLToPath(url));
}

/** A file of an installed package or of the SDK: not one of the user's model files. */
export function isDependencyFile(path: string): boolean {
  return path.includes(`${sep}node_modules${sep}`) || isSdkFile(path);
}

function asTypedError(modulePath: string, error: unknown): OrchestratorError {
  if (error instanceof OrchestratorError) return error;
  // A model error raised by another copy of the SDK (the user's node_modules) is still a model error.
  const code = (error as { code?: unknown })?.code;
  if (error instanceof Error && typeof code === "string" && code.startsWith("ORCH_")) {
    const location = (error as { location?: SourceLocation }).location;
    return new ModelError(code, error.message, location ? { location } : {});
  }
  return RegistryLoadError.importFailed(modulePath, error, userLocation(error, dirname(resolve(modulePath))));
}

/**
 * First stack position in the user's own files: preferably under the model module's folder, else any
 * file that is not Node's internals, a dependency or the SDK itself.
 */
export function userLocation(error: unknown, projectDir: string): SourceLocation | undefined {
  const stack = error instanceof Error ? error.stack : undefined;
  const frames = parseStackFrames(stack).filter((site) => !site.file.includes(`${sep}node_modules${sep}`));
  const frame =
    frames.find((site) => site.file.startsWith(projectDir + sep)) ??
    frames.find((site) => !site.file.startsWith("node:") && !isSdkFile(site.file));
  if (frame) return siteLocation(frame);
  // A syntax error has no frame; Node puts "file:///…:line" on the stack's first line instead.
  const match = /^(file:\/\/\S+?):(\d+)\s*$/m.exec(stack ?? "");
  return match
    ? siteLocation({ file: fileURLToPath(match[1]!), line: Number(match[2]), column: 1 })
    : undefined;
}
