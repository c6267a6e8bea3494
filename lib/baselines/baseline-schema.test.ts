import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { baselineSchema } from './baseline-schema.js';

describe('baselines/schema.json', () => {
  it('should match the zod schema it was generated from', () => {
    const onDisk = JSON.parse(readFileSync(new URL('../../baselines/schema.json', import.meta.url), 'utf8'));
    // Regenerate with: z.toJSONSchema(baselineSchema, { target: 'draft-2020-12' }) (see baselines/README.md).
    expect(onDisk).toEqual(z.toJSONSchema(baselineSchema, { target: 'draft-2020-12' }));
  });
});
