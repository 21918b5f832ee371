import type { RegisterCommand } from '../io.js';

/** `aurora normalize` — not built yet; owned by the issue that specifies it. */
export const registerNormalize: RegisterCommand = (program, io, setExit) => {
  program
    .command('normalize')
    .description('(not available yet)')
    .allowUnknownOption()
    .action(() => {
      io.stderr('aurora normalize is not available in this build\n');
      setExit(2);
    });
};
