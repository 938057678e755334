import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { AppConfig, loadConfig } from './app-config';

/**
 * The deployment files in infra/ configure the product only through documented variables: every
 * name they set is a setting of AppConfig, the values pass its validation, and probes and ports
 * are the ones the roles listen on. A typo in a manifest fails here, not in a cluster.
 */
const ROOT = join(__dirname, '../../..');
const KNOWN = new Set([...Object.keys(new AppConfig()), 'DATABASE_URL']);
// Settings of the container image and the runtime, not of the product.
const RUNTIME = new Set(['NODE_ENV']);
const BUILT = JSON.parse(readFileSync(join(ROOT, 'nest-cli.json'), 'utf8')).projects as Record<
  string,
  { type: string }
>;

type Env = Record<string, string>;

/** Compose interpolation: `${X:-default}` takes the default, `${X:?message}` a value the operator must give. */
function interpolate(value: unknown): string {
  return String(value)
    .replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1')
    .replace(/\$\{API_KEYS:\?[^}]*\}/g, '[{"id":"crm","sha256":"' + 'a'.repeat(64) + '","scopes":["read"]}]')
    .replace(/\$\{PII_MASTER_KEY:\?[^}]*\}/g, Buffer.alloc(32, 1).toString('base64'))
    .replace(/\$\{CHECKPOINT_SIGNING_KEY:\?[^}]*\}/g, `PRIVATE+KEY+log.example+00000000+${'A'.repeat(44)}`);
}

function expectValidSettings(where: string, env: Env): void {
  expect({ where, unknown: Object.keys(env).filter((name) => !KNOWN.has(name) && !RUNTIME.has(name)) }).toEqual({
    where,
    unknown: [],
  });
  expect(() => loadConfig(env)).not.toThrow();
}

function expectBuiltEntry(command: string[]): void {
  const entry = command.find((part) => part.startsWith('dist/'));
  const app = /^dist\/apps\/([a-z-]+)\/apps\/\1\/src\/main\.js$/.exec(entry ?? '')?.[1];
  expect(app && BUILT[app]?.type).toBe('application');
}

describe('infra/compose.yaml', () => {
  const compose = parse(readFileSync(join(ROOT, 'infra/compose.yaml'), 'utf8'), { merge: true }) as {
    services: Record<
      string,
      { environment?: Env; command?: string[]; entrypoint?: string[]; healthcheck?: { test: string[] } }
    >;
  };
  const roles = ['api', 'projector', 'sla-clock', 'relay', 'ledger', 'cli'];

  it.each(roles)(
    '%s: documented settings that validate, on EventStoreDB and Kafka, running a built entry point',
    (service) => {
      const definition = compose.services[service];
      const env = Object.fromEntries(
        Object.entries(definition.environment ?? {}).map(([name, value]) => [name, interpolate(value)]),
      );
      expectValidSettings(service, env);
      expect(env).toMatchObject({ EVENT_STORE: 'eventstoredb', KAFKA_BROKERS: 'kafka:9092' });
      expectBuiltEntry([...(definition.entrypoint ?? []), ...(definition.command ?? [])]);
      if (service !== 'cli') {
        expect(env.ROLES).toBe(service);
        const port = service === 'api' ? env.PORT : env.WORKER_PORT;
        expect(definition.healthcheck?.test.join(' ')).toContain(`http://127.0.0.1:${port}/ready`);
      }
    },
  );

  it('offers a single KurrentDB node and a three-node cluster that gossip with each other', () => {
    const nodes = ['kurrentdb-1', 'kurrentdb-2', 'kurrentdb-3'];
    for (const node of nodes) {
      const env = compose.services[node].environment!;
      expect(env.KURRENTDB_CLUSTER_SIZE).toBe('3');
      expect(env.KURRENTDB_GOSSIP_SEED.split(',').sort()).toEqual(
        nodes.filter((other) => other !== node).map((other) => `${other}:2113`),
      );
    }
    expect(compose.services.kurrentdb.environment!.KURRENTDB_CLUSTER_SIZE).toBe('1');
  });
});

describe('infra/k8s', () => {
  const load = (file: string) =>
    parseAllDocuments(readFileSync(join(ROOT, 'infra/k8s', file), 'utf8')).map((document) => document.toJS());
  const [configMap] = load('configmap.yaml');
  const [secret] = load('secret.yaml');
  const deployments = [...load('api.yaml'), ...load('workers.yaml')].filter(
    (resource) => resource.kind === 'Deployment',
  );
  const kustomization = load('kustomization.yaml')[0];

  it('applies every manifest of the directory', () => {
    expect([...kustomization.resources].sort()).toEqual([
      'api.yaml',
      'configmap.yaml',
      'namespace.yaml',
      'secret.yaml',
      'workers.yaml',
    ]);
  });

  it.each(['api', 'projector', 'sla-clock', 'relay', 'ledger'])(
    '%s: settings from the ConfigMap and Secret, replicas, probes on /health and /ready at its port',
    (role) => {
      const deployment = deployments.find((resource) => resource.metadata.name === `support-ops-${role}`);
      const [container] = deployment.spec.template.spec.containers;
      const env: Env = {
        ...configMap.data,
        ...secret.stringData,
        ...Object.fromEntries(
          container.env
            .filter((entry: { value?: string }) => entry.value !== undefined)
            .map((entry: { name: string; value: string }) => [entry.name, entry.value]),
        ),
      };
      expectValidSettings(role, env);
      expect(env.ROLES).toBe(role);
      expect(container.envFrom).toEqual([
        { configMapRef: { name: 'support-ops' } },
        { secretRef: { name: 'support-ops' } },
      ]);
      expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
      expectBuiltEntry(container.command);
      const port = container.ports.find((p: { name: string }) => p.name === 'http').containerPort;
      expect(String(port)).toBe(role === 'api' ? env.PORT : env.WORKER_PORT);
      expect(container.livenessProbe.httpGet).toEqual({ path: '/health', port: 'http' });
      expect(container.readinessProbe.httpGet).toEqual({ path: '/ready', port: 'http' });
    },
  );
});
