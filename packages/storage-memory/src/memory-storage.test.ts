import { runStorageConformance } from '@aurora-rca/core/testing';
import * as vitest from 'vitest';
import { memoryStorage } from './memory-storage.js';

// The whole kit, registered with the running vitest (found without importing it).
runStorageConformance({ name: 'memory', create: async () => memoryStorage() });

// The same registration with an explicitly passed runner (what jest or bun users do).
runStorageConformance(
  { name: 'memory (explicit runner)', create: async () => memoryStorage() },
  {
    suites: ['lifecycle', 'transactions'],
    runner: vitest,
  },
);
