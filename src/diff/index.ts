/** Public API of src/diff: the one model of a unified diff (reading it, and making one). */
export { diffLines, fileDiffs, type FileDiff } from './parse.js';
export { newFilePatch } from './new-file-patch.js';
