// Reads PDFs with pdf.js as a browser's viewer would, for the tests (tests/pdf_readers.rs):
// every page and its text, the form fields, the outline and the title. Prints one JSON object per
// file; pdf.js's own warnings are collected, never printed, so a test can require none.
//
//   node tests/pdfjs/read.mjs FILE.pdf...
import { readFile } from "node:fs/promises";

const warnings = [];
for (const method of ["log", "warn", "error", "info"]) {
  console[method] = (...args) => warnings.push(args.map(String).join(" "));
}
// Loading pdf.js in Node warns that it cannot draw without the native `canvas` package; these
// reads draw nothing, so what it says while loading is about Node, not about any PDF.
const { default: pdfjs } = await import("pdfjs-dist/legacy/build/pdf.js");
warnings.length = 0;

const results = [];
for (const file of process.argv.slice(2)) {
  const before = warnings.length;
  const data = new Uint8Array(await readFile(file));
  const document = await pdfjs.getDocument({ data, verbosity: pdfjs.VerbosityLevel.WARNINGS, isEvalSupported: false })
    .promise;
  const pages = [];
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    const content = await page.getTextContent();
    const annotations = await page.getAnnotations();
    pages.push({
      text: content.items.map((item) => item.str).join(" "),
      widgets: annotations.filter((a) => a.subtype === "Widget").map((a) => a.fieldName),
    });
  }
  const fields = await document.getFieldObjects();
  const outline = await document.getOutline();
  // Each outline entry with the number of the page it leads to.
  const titles = [];
  const walk = async (items) => {
    for (const item of items ?? []) {
      const dest = typeof item.dest === "string" ? await document.getDestination(item.dest) : item.dest;
      const page = dest ? (await document.getPageIndex(dest[0])) + 1 : null;
      titles.push({ title: item.title, page });
      await walk(item.items);
    }
  };
  await walk(outline);
  const { info } = await document.getMetadata();
  results.push({
    file,
    pages,
    fields: Object.keys(fields ?? {}),
    outline: titles,
    title: info?.Title ?? null,
    language: info?.Language ?? null,
    warnings: warnings.slice(before),
  });
  await document.destroy();
}
process.stdout.write(JSON.stringify(results) + "\n");
