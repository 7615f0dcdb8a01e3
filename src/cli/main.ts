import { main } from './program.js';

/** The ES module entry: the console starts here (bin/nightshift.js routes it), and `npm start` reaches it too. */
await main(process.argv);
