// Test support for this repository's packages and for users' own tooling tests: real databases only.
export * from "./databases.ts";
export * from "./core-fixtures.ts";
