#!/usr/bin/env node
'use strict';
// CommonJS (bin/package.json), so no command pays for Node's ES module
// loader. Every command starts from a code-cached script: dist/cli/nightshift.cjs,
// or dist/cli/console.cjs for the console (src/cli/launch.ts explains why).
const { join } = require('node:path');

require('../dist/cli/launch.cjs').launch(join(__dirname, '..', 'dist', 'cli'));
