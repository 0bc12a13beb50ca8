// A mistyped command names the command that was most likely meant, as git and oclif's not-found plugin
// do. Our own hook rather than that plugin: the plugin exits 127, a code this CLI does not document,
// and on a terminal it offers to run its guess, which for `db downgrade` is not a guess to act on.
import type { Hook } from "@oclif/core";
import { EXIT } from "../exit-codes.ts";
import { commandSuggestion } from "./command-suggestion.ts";

const hook: Hook.CommandNotFound = async function (options) {
  const ids = options.config.commands.filter((command) => !command.hidden).map((command) => command.id);
  // Only the not-found path pays for loading the SDK (it holds the one edit distance the CLI uses).
  const { closestName } = await import("@orchestrator/sdk");
  const message = commandSuggestion(options.id, ids, options.config.bin, closestName);
  // Written as the commands write their errors (one line, no wrapping), then the exit code alone.
  process.stderr.write(`Error: ${message}\n`);
  this.exit(EXIT.invalidInput);
};

export default hook;
