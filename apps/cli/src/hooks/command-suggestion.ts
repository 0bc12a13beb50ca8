// The message for a command that does not exist: what was typed, the command most likely meant, and
// where the list is. Pure, so the wording is tested without starting the CLI.

/** Alembic's and Prisma's `migrate` mean two different commands here: say both rather than guess one. */
const AMBIGUOUS: Record<string, string> = {
  "db:migrate":
    '`db migrate-domain-models "MESSAGE"` writes a migration from the domain models; `db upgrade heads` applies pending migrations',
};
AMBIGUOUS.migrate = AMBIGUOUS["db:migrate"]!;

/**
 * `id` is oclif's colon-joined argv (`db:upgrad:heads` for `db upgrad heads`): the shortest prefix that
 * comes close to a command is the command typed, the words after it were its arguments.
 */
export function commandSuggestion(
  id: string,
  commandIds: readonly string[],
  bin: string,
  closestName: (name: string, known: Iterable<string>) => string | undefined,
): string {
  const words = id.split(":");
  const spaced = (commandId: string) => `${bin} ${commandId.replaceAll(":", " ")}`;
  for (let length = 1; length <= words.length; length++) {
    const typed = words.slice(0, length).join(":");
    const meant = AMBIGUOUS[typed];
    if (meant) return `\`${spaced(typed)}\` is not a command: ${meant}.`;
    const closest = closestName(typed, commandIds) ?? onlyCompletion(typed, commandIds);
    if (closest) return `\`${spaced(typed)}\` is not a command. Did you mean \`${spaced(closest)}\`?`;
  }
  const topic =
    words.length > 1 && commandIds.some((c) => c.startsWith(`${words[0]}:`)) ? ` ${words[0]}` : "";
  return `\`${spaced(id)}\` is not a command. \`${bin}${topic} --help\` lists the commands.`;
}

/** A command cut short (`db migrate-dom`) is too far from the whole name for an edit distance. */
function onlyCompletion(typed: string, commandIds: readonly string[]): string | undefined {
  const lastWord = typed.split(":").at(-1) ?? "";
  if (lastWord.length < 3) return undefined;
  const completions = commandIds.filter((id) => id.startsWith(typed));
  return completions.length === 1 ? completions[0] : undefined;
}
