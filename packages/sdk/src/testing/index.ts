// Test support for this repository's packages and for users' own tooling tests: real databases only.

export * from "./core-fixtures.ts";
export * from "./databases.ts";
