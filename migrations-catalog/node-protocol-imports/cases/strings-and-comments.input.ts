// import fs from 'fs';
const name = 'fs';
const modules = { fs: 'fs', path: 'path' };
const message = "require('path') is fine";

export { name, modules, message };
