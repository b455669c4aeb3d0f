import fs = require('fs');

export = function release(version: string): void {
  fs.writeFileSync('VERSION', version);
};
