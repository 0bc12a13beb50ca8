// window/showMessage notifications. vscode-languageserver's window.show*Message helpers send the
// window/showMessageRequest *request* instead, which clients without message actions refuse and which
// waits for the user; a plain notification is what every client shows.
import { type Connection, MessageType, ShowMessageNotification } from "vscode-languageserver";

export interface Messages {
  info(message: string): void;
  warning(message: string): void;
  error(message: string): void;
}

export function messages(connection: Connection): Messages {
  const send = (type: MessageType, message: string) =>
    void connection
      .sendNotification(ShowMessageNotification.type, { type, message: `Orchestrator: ${message}` })
      .catch(() => undefined);
  return {
    info: (message) => send(MessageType.Info, message),
    warning: (message) => send(MessageType.Warning, message),
    error: (message) => send(MessageType.Error, message),
  };
}
