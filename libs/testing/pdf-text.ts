import { execFile } from 'node:child_process';

/**
 * A PDF's text as a reader's viewer extracts it (pdf.js, through unpdf). unpdf is ESM-only, so
 * it runs in a child Node process (Jest's CommonJS runtime can't load it); pages are joined by
 * newlines and whitespace inside a page is collapsed, so assertions read like the page.
 */
export function pdfText(pdf: Buffer): Promise<string> {
  const script = `
    import { extractText, getDocumentProxy } from 'unpdf';
    const chunks = [];
    for await (const c of process.stdin) chunks.push(c);
    const doc = await getDocumentProxy(new Uint8Array(Buffer.concat(chunks)));
    const { text } = await extractText(doc, { mergePages: false });
    process.stdout.write(JSON.stringify(text));`;
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ['--input-type=module', '-e', script], { cwd: __dirname, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`pdf text extraction failed: ${stderr || error.message}`));
      resolve((JSON.parse(stdout) as string[]).map((page) => page.replace(/\s+/g, ' ')).join('\n'));
    });
    child.stdin!.end(pdf);
  });
}
