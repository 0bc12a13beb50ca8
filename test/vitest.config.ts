import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["**/*.test.ts"],
    exclude: ["**/node_modules/**", ".tmp/**"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Each file starts CLI processes; two cores are better used by one file at a time.
    fileParallelism: false,
  },
});
