// Strings that broke, or could break, generated SQL and generated files (see docs/design.md,
// Generated SQL).
export const NASTY_STRINGS: readonly string[] = [
  "it's",
  "''",
  "back\\slash \\' \\\\",
  "bind :name and :1",
  "dollar $$ quoting $tag$ and $1",
  "question ? mark",
  "new\nline\r\nand\ttab",
  "non-ASCII: ü 漢字 🎉 é",
  "'; DROP TABLE products; --",
  "line\u2028separator\u2029paragraph",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal ${ must survive generated files
  'double "quotes" and `backticks` and ${template}',
  "/* comment */ -- dash",
];
