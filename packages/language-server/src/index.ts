// The package's library entry: the server (for embedding and tests) and the protocol constants.

export * from "./protocol.ts";
export { type ServerOptions, startServer } from "./server.ts";
