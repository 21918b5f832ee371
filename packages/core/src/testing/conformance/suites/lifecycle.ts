import { resolveStorage } from '../../../spec/storage.js';
import { suiteOf } from '../assert.js';
import { makeIncident } from '../builders.js';
import { expect } from '../expect.js';
import type { ConformanceCheck, StorageConformanceInit } from '../types.js';

const check = suiteOf('lifecycle');

/** Version, name and `close()`. */
export function lifecycleChecks(init: StorageConformanceInit): ConformanceCheck[] {
  return [
    check('declares specificationVersion v1 and a name', async ({ storage }) => {
      expect(storage.specificationVersion).toBe('v1');
      expect(typeof storage.name).toBe('string');
      expect(storage.name.length).toBeGreaterThan(0);
      expect(resolveStorage(storage)).toBe(storage);
    }),
    check('exposes every repository', async ({ storage }) => {
      for (const repo of [
        'incidents',
        'alerts',
        'thoughts',
        'citations',
        'suggestions',
        'chat',
        'postmortems',
        'events',
        'deadLetters',
      ] as const) {
        expect(storage[repo], repo).toBeTypeOf('object');
      }
    }),
    check('close() is idempotent', async ({ tenantId }) => {
      const storage = await init.create();
      try {
        await storage.incidents.create(makeIncident({ tenantId }));
        await storage.close();
        await storage.close();
      } finally {
        await (init.destroy ? init.destroy(storage) : storage.close());
      }
    }),
  ];
}
