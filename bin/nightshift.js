#!/usr/bin/env node
// Every command, the console included, starts from the code-cached script
// (src/cli/launch.ts explains why).
import { launch } from '../dist/cli/launch.js';

await launch(new URL('../dist/cli/nightshift.cjs', import.meta.url));
