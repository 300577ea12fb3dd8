#!/usr/bin/env node
// The installed command: load the bundled CLI built by `npm run build` (or `npm ci`, via prepare).
import '../dist/cli.js';
