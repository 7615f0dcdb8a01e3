#!/usr/bin/env node
import module from 'node:module';

// Node 22.1+ keeps V8's compiled code of the CLI's modules between starts; Node 20 has no such cache and compiles every start.
if (typeof module.enableCompileCache === 'function') module.enableCompileCache();
await import('../dist/cli/main.js');
