#!/usr/bin/env node
// The console needs the ES module build (Ink); every other command starts
// faster from the code-cached script (src/cli/launch.ts explains why).
import { commandOf } from '../dist/cli/route.js';

if (commandOf(process.argv) === 'console') await import('../dist/cli/main.js');
else (await import('../dist/cli/launch.js')).launch(new URL('../dist/cli/nightshift.cjs', import.meta.url));
