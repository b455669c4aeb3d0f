import path from "node:path";
import { readFileSync } from "node:fs";

export const Readme = () => <pre>{readFileSync(path.join(__dirname, "README.md"), "utf8")}</pre>;
