import { startApi } from '../support/api-app';
import { freePort } from '../support/free-port';

describe('Kafka relay with KAFKA_BROKERS naming no broker', () => {
  it('makes the process that runs the relay unready, with a body naming the setting and the error', async () => {
    const nowhere = `127.0.0.1:${await freePort()}`;
    const api = await startApi({ ROLES: 'api,relay', KAFKA_BROKERS: nowhere, RELAY_RETRY_MS: '100' });
    try {
      // kafkajs gives up connecting after its retries (seconds); until then the relay is connecting.
      let ready = await api.http().get('/ready');
      for (
        const deadline = Date.now() + 60_000;
        ready.status === 200 && Date.now() < deadline;
        ready = await api.http().get('/ready')
      ) {
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ status: 'error', info: { database: { status: 'up' } } });
      expect(ready.body.error.relay.message).toContain(`the relay cannot reach Kafka at KAFKA_BROKERS=${nowhere}`);
      expect(ready.body.error.relay.message).toContain('check that the brokers run and the setting names them');
    } finally {
      await api.close();
    }
  }, 90_000);
});
