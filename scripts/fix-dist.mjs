// Writes dist/aliases.js: resolves the @accord/* path aliases of tsconfig.json inside dist/,
// loaded with `node -r ./dist/aliases.js` before an app's entry file.
import { writeFileSync } from 'node:fs';

writeFileSync(
  new URL('../dist/aliases.js', import.meta.url),
  `'use strict';
const Module = require('node:module');
const path = require('node:path');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request.startsWith('@accord/')) {
    const [, lib, ...sub] = request.split('/');
    request = path.join(__dirname, 'libs', lib, sub.length ? sub.join('/') : 'index');
  }
  return resolve.call(this, request, ...rest);
};
`,
);
