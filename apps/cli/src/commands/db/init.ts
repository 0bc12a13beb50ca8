// `db init`, the name the reference uses, kept as an alias of `init`. A command of its own rather than an
// oclif alias: with spaces between topic and command, oclif does not find an alias followed by an argument.
import Init from "../init.ts";

export default class DbInit extends Init {
  static override summary = "Same as `orchestrator init`: start a project.";
  static override examples = ["<%= config.bin %> db init", "<%= config.bin %> db init my-orchestrator"];
}
