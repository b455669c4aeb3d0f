import fs = require('fs');
import async_hooks = require('async_hooks');

export = { exists: fs.existsSync, als: new async_hooks.AsyncLocalStorage() };
