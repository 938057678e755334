import { startApi, type ApiHarness } from '../support/api-app';
import { historyMatchesScan, twoAccounts } from '../support/audit-fixture';

let api: ApiHarness;

beforeAll(async () => {
  // No projector: the timeline knows no stream, so the history is the scan of the log after position 0.
  api = await startApi({ ROLES: 'api' });
  await twoAccounts(api);
});

afterAll(async () => {
  await api.close();
});

it('an account history without a timeline to help is still exactly the whole log scan', async () => {
  await historyMatchesScan(api);
});
