// Exports something, but no registry.
export const answer = 42;
