#!/usr/bin/env node
import { enableCompileCache } from "node:module";

// Node keeps the compiled code of the CLI, its dependencies and the project's model files on disk
// (in the OS temp folder), so each command after the first skips most of that work. Enabled before
// anything else is imported, which is why oclif is imported dynamically.
enableCompileCache?.();
const { execute } = await import("@oclif/core");
await execute({ dir: import.meta.url });
