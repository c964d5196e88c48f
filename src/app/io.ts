/**
 * The streams a process talks through. Entry points hand in the process's
 * own; tests hand in memory streams.
 */
export interface ProcessIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
}

/** Writes `text` as one or more whole lines. */
export function write(stream: NodeJS.WritableStream, text: string): void {
  stream.write(text.endsWith('\n') ? text : text + '\n');
}
