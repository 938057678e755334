import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { freePorts } from './free-port';

/** infra/kafka/broker.sh of the checkout, from the sources or from their build under dist/. */
function brokerScript(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const script = join(dir, 'infra/kafka/broker.sh');
    if (existsSync(script)) return script;
  }
  throw new Error('infra/kafka/broker.sh not found above ' + __dirname);
}

export interface KafkaBroker {
  /** Bootstrap address, `127.0.0.1:<port>`. */
  readonly brokers: string;
  readonly dataDir: string;
  /** Stops the broker (a controlled shutdown); its data stays for `restart`. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data: topics, offsets and committed groups survive. */
  restart(): Promise<void>;
  /** Stops it and deletes its data. */
  remove(): Promise<void>;
}

const STOP_TIMEOUT_MS = 30_000;

/**
 * A real Apache Kafka broker (single node, KRaft) in a temporary directory, run by
 * infra/kafka/broker.sh. It lives as long as this process keeps the script's stdin open, so a test
 * runner that dies takes its broker with it.
 */
export async function startKafkaBroker(ports?: [number, number]): Promise<KafkaBroker> {
  const dataDir = mkdtempSync(join(tmpdir(), 'support-ops-kafka-'));
  const [port, controllerPort] = ports ?? (await freePorts(2));
  let child = await launch(dataDir, port, controllerPort);
  const stop = async () => {
    await shutDown(child);
  };
  return {
    brokers: `127.0.0.1:${port}`,
    dataDir,
    stop,
    restart: async () => {
      await stop();
      child = await launch(dataDir, port, controllerPort);
    },
    remove: async () => {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function launch(dataDir: string, port: number, controllerPort: number): Promise<ChildProcess> {
  // A process group of its own, so that a broker that will not stop can be killed with its script.
  const child = spawn('bash', [brokerScript(), dataDir, String(port), String(controllerPort)], {
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    await new Promise<string>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`exited (${code}): ${stderr.trim()}`)));
      createInterface({ input: child.stdout! }).once('line', resolve);
    });
  } catch (error) {
    const log = join(dataDir, 'broker.log');
    const tail = existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-20).join('\n') : '';
    throw new Error(
      `could not start the Kafka test broker (infra/kafka/broker.sh; set KAFKA_BROKERS to use a running broker instead): ${(error as Error).message}\n${tail}`,
    );
  }
  return child;
}

async function shutDown(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stdin!.end(); // end of input stops the broker
  const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
  child.stdout!.destroy();
  child.stderr!.destroy();
}
