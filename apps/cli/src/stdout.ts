/**
 * The CLI's data goes to stdout, often into a pipe. When the reader goes away (`| head`), writes
 * fail with EPIPE: the command then stops at its next write, quietly and with success, as Unix
 * tools do, instead of dying on an unhandled error event.
 */
export class StdoutClosedError extends Error {
  constructor() {
    super('stdout was closed by its reader');
  }
}

let closed = false;
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  closed = true;
});

/** Writes to stdout and waits when it is full, so a slow consumer (a pipe) is never flooded. */
export async function writeOut(text: string): Promise<void> {
  if (closed) throw new StdoutClosedError();
  if (process.stdout.write(text)) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      process.stdout.off('drain', done).off('error', done);
      resolve();
    };
    process.stdout.once('drain', done).once('error', done);
  });
  if (closed) throw new StdoutClosedError();
}
