declare module 'legacy' {
  import fs = require('fs');
  export function open(): fs.Stats;
}
