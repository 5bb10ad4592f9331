import PDFDocument from 'pdfkit';

export class DocumentRenderError extends Error {
  readonly code = 'document-render-failed' as const;
  constructor(readonly documentKind: string) {
    super(`could not render the ${documentKind} document`);
    this.name = 'DocumentRenderError';
  }
}

export interface RenderOptions {
  /** ISO timestamp written as the PDF creation and modification date, so equal input gives equal bytes. */
  readonly createdAt: string;
  readonly title: string;
}

/**
 * Renders a PDF into a Buffer. The metadata (dates, producer) comes from the input only, which
 * makes the output byte-for-byte repeatable. Nothing is logged: the content may hold PHI.
 */
export function renderPdf(kind: string, options: RenderOptions, draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  const created = new Date(options.createdAt);
  if (Number.isNaN(created.getTime())) return Promise.reject(new DocumentRenderError(kind));
  return new Promise<Buffer>((resolve, reject) => {
    try {
      const doc = new PDFDocument({
        size: 'LETTER',
        margin: 54,
        info: { Title: options.title, Producer: 'imaging-rcm', Creator: 'imaging-rcm', CreationDate: created, ModDate: created },
      });
      const chunks: Buffer[] = [];
      doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', () => reject(new DocumentRenderError(kind)));
      draw(doc);
      doc.end();
    } catch {
      reject(new DocumentRenderError(kind));
    }
  });
}
