import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const HELPER_DIR = join(__dirname, '../../infra/kafka-mock');
const HELPER = join(HELPER_DIR, 'kafka-mock');

/**
 * The Kafka-protocol broker of a test run: librdkafka's mock cluster (infra/kafka-mock), built on
 * first use. It lives as long as the process that started it keeps its stdin open.
 */
export async function startKafkaMock(): Promise<{ brokers: string; child: ChildProcess }> {
  if (!existsSync(HELPER)) {
    const built = spawnSync('bash', [join(HELPER_DIR, 'build.sh')], { encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`could not build the Kafka test broker (apt-get install librdkafka-dev gcc, or set KAFKA_BROKERS):\n${built.stderr}`);
  }
  const child = spawn(HELPER, ['--partitions', '4'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the Kafka test broker exited (${code})`)));
    createInterface({ input: child.stdout! }).once('line', resolve);
  });
  return { brokers: line.trim(), child };
}
