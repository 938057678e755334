import { readFileSync } from 'node:fs';
import { generatedSource, OUTPUT_FILE } from '../../../../tools/response-schemas.cjs';

describe('the answer schemas of the OpenAPI document', () => {
  it('are generated from the types the controllers return, as committed (npm run openapi:schemas)', () => {
    expect(generatedSource()).toBe(readFileSync(OUTPUT_FILE, 'utf8'));
  }, 60_000);
});
