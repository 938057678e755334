import { isDatabaseUnavailable } from './unavailable';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable: an outage to wait out, told from a bug', () => {
  it('knows a server that is down, going down, starting or full, and a connection cut or never made', () => {
    for (const error of [
      withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'),
      withCode('ECONNRESET'),
      withCode('57P01', 'terminating connection due to administrator command'),
      withCode('57P03', 'the database system is starting up'),
      withCode('53300', 'sorry, too many clients already'),
      withCode('08006', 'connection failure'),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      new AggregateError([withCode('ECONNREFUSED')], ''),
      new Error('the key store cannot be read', { cause: withCode('ECONNREFUSED') }),
    ])
      expect([error.message, isDatabaseUnavailable(error)]).toEqual([error.message, true]);
  });

  it('leaves every other failure to be a bug', () => {
    for (const error of [
      withCode('23505', 'duplicate key value violates unique constraint'),
      withCode('42P01', 'relation "x" does not exist'),
      withCode('22P05', 'unsupported Unicode escape sequence'),
      new TypeError("Cannot read properties of undefined (reading 'x')"),
      'a string',
      null,
    ])
      expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
