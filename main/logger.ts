// What main's services log through: pino in both hosts. Main's own, so that main depends on
// server/ only to start the embedded office (server/embedded.ts).
export interface Logger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}
