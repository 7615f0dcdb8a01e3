#!/usr/bin/env node
// Every command starts from a code-cached script: dist/cli/nightshift.cjs, or
// dist/cli/console.cjs for the console (src/cli/launch.ts explains why).
import { launch } from '../dist/cli/launch.js';

await launch(new URL('../dist/cli/', import.meta.url));
