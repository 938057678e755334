import { readFileSync } from 'node:fs';
import { generatedSources } from '../../../../tools/schemas.cjs';

describe('the schemas generated from the TypeScript types (OpenAPI answers, AsyncAPI payloads)', () => {
  it('are as committed (npm run schemas:generate)', () => {
    for (const [file, source] of Object.entries(generatedSources()))
      expect({ file, source }).toEqual({ file, source: readFileSync(file, 'utf8') });
  }, 60_000);
});
