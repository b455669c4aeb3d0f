import fs = require('node:fs');
import async_hooks = require('node:async_hooks');

export = { exists: fs.existsSync, als: new async_hooks.AsyncLocalStorage() };
