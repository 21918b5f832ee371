// Entries, externals and declaration emit are shared by every package: see scripts/package-build.mjs.
import { defineConfig } from 'tsup';
import { tsupConfig } from '../../scripts/package-build.mjs';

export default defineConfig(tsupConfig('adapters'));
