import { inflateSync } from 'node:zlib';

/** WinAnsi codes 0x80–0x9F that differ from Latin-1 (the ones Tandem's documents use). */
const WIN_ANSI: Record<number, string> = {
  133: '…',
  145: '‘',
  146: '’',
  147: '“',
  148: '”',
  149: '•',
  150: '–',
  151: '—',
};

/**
 * The text drawn on the pages of a PDF that Tandem made (PDFKit, standard fonts: hex strings in TJ
 * arrays, WinAnsi encoding), in drawing order, one string per text operation. Enough for tests to
 * find a sentence in a document; not a general PDF reader.
 */
export function pdfText(pdf: Buffer): string[] {
  const texts: string[] = [];
  const raw = pdf.toString('latin1');
  const streams = /stream\r?\n/g;
  for (let match = streams.exec(raw); match; match = streams.exec(raw)) {
    const start = match.index + match[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    let content: string;
    try {
      content = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue;
    }
    for (const array of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      const hex = [...array[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]).join('');
      let text = '';
      for (let i = 0; i < hex.length; i += 2) {
        const code = Number.parseInt(hex.slice(i, i + 2), 16);
        text += WIN_ANSI[code] ?? String.fromCharCode(code);
      }
      texts.push(text);
    }
    streams.lastIndex = end;
  }
  return texts;
}

/** Does the document's text contain this passage, however its lines were broken? */
export function pdfContains(pdf: Buffer, passage: string): boolean {
  const squash = (s: string) => s.replaceAll(/\s+/g, '');
  return squash(pdfText(pdf).join('')).includes(squash(passage));
}
