import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // V8's baseline WebAssembly compiler only, as the CLI runs: a worker that opened the embedded
    // database otherwise spends seconds and hundreds of megabytes optimizing its WebAssembly.
    execArgv: ["--liftoff-only"],
    include: ["src/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
