import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';

/** infra/kafka-mock of the checkout, from the sources or from their build under dist/. */
function helperDir(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'infra/kafka-mock/build.sh'))) return join(dir, 'infra/kafka-mock');
  }
  throw new Error('infra/kafka-mock not found above ' + __dirname);
}

/**
 * The Kafka-protocol broker of a test run: librdkafka's mock cluster (infra/kafka-mock), built on
 * first use. It lives as long as the process that started it keeps its stdin open.
 */
export async function startKafkaMock(): Promise<{ brokers: string; child: ChildProcess }> {
  const dir = helperDir();
  const helper = join(dir, 'kafka-mock');
  if (!existsSync(helper)) {
    const built = spawnSync('bash', [join(dir, 'build.sh')], { encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`could not build the Kafka test broker (apt-get install librdkafka-dev gcc, or set KAFKA_BROKERS):\n${built.stderr}`);
  }
  const child = spawn(helper, ['--partitions', '4'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the Kafka test broker exited (${code})`)));
    createInterface({ input: child.stdout! }).once('line', resolve);
  });
  return { brokers: line.trim(), child };
}
