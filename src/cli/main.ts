/** The CLI's entry: bin/nightshift.js imports the build of this file (dist/cli/main.js). */
import { start } from './program.js';

await start(process.argv);
