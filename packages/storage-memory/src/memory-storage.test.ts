import { runStorageConformance } from '@aurora-rca/core/testing';
import { memoryStorage } from './memory-storage.js';

runStorageConformance({ name: 'memory', create: async () => memoryStorage() });
