/** The slice of a pino logger main's services use (the embedded office logs through the same one). */
export interface Logger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}
