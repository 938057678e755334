import { appendFile, mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { erasedCopy, type DeliveredErasure, type DeliveredEvent } from '@app/messaging';

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

  /**
   * Rewrites the kept lines whose personal data an erasure reaches (docs/architecture.md, "Personal data"). Each
   * file is replaced whole (written aside, then renamed), so a crash leaves the old file or the new one.
   */
  async erase(erasure: DeliveredErasure): Promise<number> {
    let rewritten = 0;
    const topics = await readdir(this.dir).catch(() => [] as string[]);
    for (const topic of topics) {
      for (const name of await readdir(join(this.dir, topic)).catch(() => [] as string[])) {
        if (name.endsWith('.ndjson')) rewritten += await this.eraseIn(join(this.dir, topic, name), erasure);
      }
    }
    return rewritten;
  }

  private async eraseIn(file: string, erasure: DeliveredErasure): Promise<number> {
    let rewritten = 0;
    const lines = (await readFile(file, 'utf8')).split('\n').map((text) => {
      if (!text.includes(erasure.accountId)) return text;
      const line = JSON.parse(text) as { type: string; data: object };
      const data = erasedCopy(line, erasure);
      if (!data) return text;
      rewritten += 1;
      return JSON.stringify({ ...line, data });
    });
    if (rewritten === 0) return 0;
    await writeFile(`${file}.erasing`, lines.join('\n'));
    await rename(`${file}.erasing`, file);
    return rewritten;
  }
}
