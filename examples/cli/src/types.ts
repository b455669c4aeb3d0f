export interface Options {
  files: string[];
  lines: boolean;
  words: boolean;
}

export interface Counts {
  lines: number;
  words: number;
}
