import type { RegisterCommand } from '../io.js';

/** `aurora replay` — not built yet; owned by the issue that specifies it. */
export const registerReplay: RegisterCommand = (program, io, setExit) => {
  program
    .command('replay')
    .description('(not available yet)')
    .allowUnknownOption()
    .action(() => {
      io.stderr('aurora replay is not available in this build\n');
      setExit(2);
    });
};
