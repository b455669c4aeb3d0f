import path from "path";
import { readFileSync } from "fs";

export const Readme = () => <pre>{readFileSync(path.join(__dirname, "README.md"), "utf8")}</pre>;
