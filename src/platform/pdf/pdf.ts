import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

/*
 * Tandem's printable documents (consents, the accounting of disclosures, record exports), drawn with
 * DejaVu Sans embedded (subset to the glyphs used): a participant's name is a consent's first element,
 * and PDF's standard fonts cannot write "Nguyễn" or "Łukasz". The same inputs give the same bytes: the
 * creation date is the document's own date, so a stored document's hash can be checked again.
 */

const BODY = 'TandemBody';
const BOLD = 'TandemBold';
let fonts: { body: Buffer; bold: Buffer } | null = null;
function fontFiles() {
  if (!fonts) {
    const require = createRequire(import.meta.url);
    const file = (name: string) => readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${name}`));
    fonts = { body: file('DejaVuSans.ttf'), bold: file('DejaVuSans-Bold.ttf') };
  }
  return fonts;
}

export type PdfOptions = {
  title: string;
  language: string;
  /** The document's date (and its metadata's creation date). */
  createdAt: Date;
  /** Printed at the foot of every page, e.g. the §2.32 redisclosure notice. */
  footer?: string;
  /** Printed across the top of every page, e.g. "DRAFT". */
  banner?: string;
  pageLabel?: string;
};

export class PdfWriter {
  constructor(readonly doc: PDFKit.PDFDocument) {}

  heading(text: string, size = 14): this {
    this.doc.moveDown(0.6).font(BOLD).fontSize(size).text(text).moveDown(0.3);
    return this;
  }

  paragraph(text: string, options: { bold?: boolean; size?: number } = {}): this {
    this.doc
      .font(options.bold ? BOLD : BODY)
      .fontSize(options.size ?? 10)
      .text(text, { align: 'left' })
      .moveDown(0.4);
    return this;
  }

  field(label: string, value: string): this {
    this.doc.font(BOLD).fontSize(10).text(`${label}: `, { continued: true }).font(BODY).text(value);
    this.doc.moveDown(0.2);
    return this;
  }

  bullets(items: string[]): this {
    this.doc.font(BODY).fontSize(10).list(items, { bulletRadius: 1.5 }).moveDown(0.4);
    return this;
  }

  image(png: Buffer, width: number): this {
    this.doc.image(png, { width });
    this.doc.moveDown(0.3);
    return this;
  }

  /** A table of text columns (widths in points), header first; rows wrap and pages break as needed. */
  table(widths: number[], header: string[], rows: string[][]): this {
    const doc = this.doc;
    const left = doc.page.margins.left;
    const drawRow = (cells: string[], bold: boolean) => {
      doc.font(bold ? BOLD : BODY).fontSize(8.5);
      const height = Math.max(...cells.map((cell, i) => doc.heightOfString(cell, { width: widths[i]! - 4 }))) + 4;
      if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
      const top = doc.y;
      let x = left;
      cells.forEach((cell, i) => {
        doc.text(cell, x + 2, top + 2, { width: widths[i]! - 4 });
        x += widths[i]!;
      });
      doc.y = top + height;
      doc
        .moveTo(left, doc.y)
        .lineTo(left + widths.reduce((a, b) => a + b, 0), doc.y)
        .lineWidth(0.3)
        .strokeColor('#888888')
        .stroke();
    };
    drawRow(header, true);
    for (const row of rows) drawRow(row, false);
    doc.x = left;
    doc.moveDown(0.5);
    return this;
  }
}

/** Can PDFKit draw this PNG or JPEG? A file may carry the right first bytes and still be broken. */
export function drawableImage(bytes: Buffer): boolean {
  // `openImage` decodes the whole image; it is PDFKit's own, not in its type declarations.
  const doc = new PDFDocument({ autoFirstPage: false }) as unknown as {
    openImage(data: Buffer): { embed(document: unknown): void };
  };
  try {
    doc.openImage(bytes).embed(doc);
    return true;
  } catch {
    return false;
  }
}

/** Draws a document and returns its bytes. */
export async function renderPdf(options: PdfOptions, draw: (writer: PdfWriter) => void): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'LETTER',
    margins: { top: 64, bottom: options.footer ? 120 : 64, left: 56, right: 56 },
    bufferPages: true,
    lang: options.language,
    displayTitle: true,
    info: {
      Title: options.title,
      Producer: 'Tandem',
      Creator: 'Tandem',
      CreationDate: options.createdAt,
      ModDate: options.createdAt,
    },
  });
  doc.registerFont(BODY, fontFiles().body);
  doc.registerFont(BOLD, fontFiles().bold);
  doc.font(BODY);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  draw(new PdfWriter(doc));
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
    if (options.banner) {
      doc
        .font(BOLD)
        .fontSize(11)
        .fillColor('#9b1c1c')
        .text(options.banner, doc.page.margins.left, 30, { width, align: 'center' });
      doc.fillColor('#000000');
    }
    if (options.footer) {
      doc
        .font(BODY)
        .fontSize(7)
        .text(options.footer, doc.page.margins.left, doc.page.height - bottom + 12, { width });
    }
    doc
      .font(BODY)
      .fontSize(8)
      .text(`${options.pageLabel ?? 'Page'} ${i + 1} / ${range.count}`, doc.page.margins.left, doc.page.height - 30, {
        width,
        align: 'right',
      });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
