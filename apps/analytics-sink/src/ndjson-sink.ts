import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { DeliveredEvent } from '@app/messaging';

/**
 * Writes delivered events as daily NDJSON files partitioned by topic: `<dir>/<topic>/<YYYY-MM-DD>.ndjson`,
 * the day being the event's occurred time in UTC. One line per event, with its CloudEvents attributes.
 */
export class NdjsonSink {
  private readonly made = new Set<string>();

  constructor(private readonly dir: string) {}

  fileOf(event: DeliveredEvent): string {
    const day = /^\d{4}-\d{2}-\d{2}/.exec(event.time)?.[0] ?? new Date(event.time).toISOString().slice(0, 10);
    return join(this.dir, event.topic, `${day}.ndjson`);
  }

  async write(event: DeliveredEvent): Promise<void> {
    const folder = join(this.dir, event.topic);
    if (!this.made.has(folder)) {
      await mkdir(folder, { recursive: true });
      this.made.add(folder);
    }
    const line = {
      id: event.id,
      type: event.type,
      subject: event.subject,
      sequence: event.sequence.toString(),
      time: event.time,
      source: event.source,
      correlationId: event.correlationId,
      causationId: event.causationId,
      schemaVersion: event.schemaVersion,
      key: event.key,
      data: event.data,
    };
    await appendFile(this.fileOf(event), `${JSON.stringify(line)}\n`);
  }
}
