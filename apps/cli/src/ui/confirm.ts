// The yes/no question before anything that destroys data: "no" unless someone types yes. The prompt
// library is loaded only when someone is actually asked.

export async function confirmOnTerminal(message: string): Promise<boolean> {
  const { confirm } = await import("@inquirer/prompts");
  return confirm({ message, default: false });
}
