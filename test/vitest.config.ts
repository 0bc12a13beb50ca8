import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // V8's baseline WebAssembly compiler only, as the CLI runs: a worker that opened the embedded
    // database otherwise spends seconds and hundreds of megabytes optimizing its WebAssembly.
    execArgv: ["--liftoff-only"],
    include: ["**/*.test.ts"],
    exclude: [
      "**/node_modules/**",
      ".tmp/**",
      // scripts/test.sh --no-editor: the tests that need chromium, code-server or Neovim (it says so, loudly).
      ...(process.env.ORCHESTRATOR_SKIP_EDITOR_TESTS === "1" ? ["vscode/**", "lsp/neovim.test.ts"] : []),
    ],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Each file starts CLI processes; two cores are better used by one file at a time.
    fileParallelism: false,
  },
});
