import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('gives the embedded defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      DATABASE_URL: undefined,
      DATA_DIR: './.data',
      PORT: 3000,
      EVENT_STORE: 'postgres',
      LOG_LEVEL: 'info',
    });
  });

  it('reads numbers and strings from the environment', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u:p@db:5432/ops',
      EVENT_STORE_STALL_TIMEOUT_MS: '2000',
    });
    expect(config).toMatchObject({
      PORT: 8080,
      DATABASE_URL: 'postgres://u:p@db:5432/ops',
      EVENT_STORE_STALL_TIMEOUT_MS: 2000,
    });
  });

  it('names every invalid variable', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = (error as ConfigError).problems.join('\n');
    expect(text).toContain('PORT');
    expect(text).toContain('DATABASE_URL');
    expect(text).toContain('LOG_LEVEL');
  });

  it('asks for the EventStoreDB connection string with EVENT_STORE=eventstoredb', () => {
    expect(() => loadConfig({ EVENT_STORE: 'eventstoredb' })).toThrow(/EVENTSTORE_CONNECTION_STRING/);
    expect(() => loadConfig({ EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'http://db:2113' })).toThrow(
      /esdb:\/\//,
    );
    expect(
      loadConfig({
        EVENT_STORE: 'eventstoredb',
        EVENTSTORE_CONNECTION_STRING: 'esdb+discover://a:2113,b:2113?tls=false',
      }),
    ).toMatchObject({ EVENT_STORE: 'eventstoredb' });
  });
});
