import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * The text drawn on a PDF's pages, read by pdf.js (Mozilla's PDF reader): one string per line of
 * text as the reader lays it out, page after page.
 */
export async function pdfText(pdf: Buffer): Promise<string[]> {
  const document = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, useSystemFonts: false }).promise;
  const lines: string[] = [];
  try {
    for (let n = 1; n <= document.numPages; n++) {
      const page = await document.getPage(n);
      const content = await page.getTextContent();
      let line = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        line += item.str;
        if (item.hasEOL) {
          lines.push(line);
          line = '';
        }
      }
      if (line) lines.push(line);
    }
  } finally {
    await document.destroy();
  }
  return lines;
}

/** Does the document's text contain this passage, however its lines were broken? */
export async function pdfContains(pdf: Buffer, passage: string): Promise<boolean> {
  const squash = (s: string) => s.replaceAll(/\s+/g, '');
  return squash((await pdfText(pdf)).join('')).includes(squash(passage));
}
