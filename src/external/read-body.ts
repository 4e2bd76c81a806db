import { pipeline, Transform, type Readable, type TransformCallback } from 'node:stream';
import { constants, createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';

/**
 * The body of an external page as its bytes, with its content codings
 * undone: undici's `request` hands over the bytes as sent, so a page sent
 * with `Content-Encoding: gzip` would otherwise be read as gzip.
 */

/** The codings asked for when a page is read whole; {@link readBody} undoes each of them. */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

/** Most codings undone on one response, as curl and undici limit them: each is a stream to run. */
const MAX_CODINGS = 5;

/** Truncated streams still give what they hold, as browsers read them. */
const ZLIB_OPTIONS = { flush: constants.Z_SYNC_FLUSH, finishFlush: constants.Z_SYNC_FLUSH };

/** A decoder per content coding; `identity` needs none. */
const DECODERS: ReadonlyMap<string, (() => Transform) | null> = new Map<string, (() => Transform) | null>([
  ['identity', null],
  ['gzip', () => createGunzip(ZLIB_OPTIONS)],
  ['x-gzip', () => createGunzip(ZLIB_OPTIONS)],
  ['deflate', () => new Inflate()],
  ['br', () => createBrotliDecompress({ finishFlush: constants.BROTLI_OPERATION_FLUSH })],
]);

/**
 * The decoders that undo a `Content-Encoding` value, the last coding applied first.
 *
 * @returns undefined when a coding is not one linkgraph can undo.
 */
export function decodersFor(contentEncoding: string | undefined): Transform[] | undefined {
  const codings = (contentEncoding ?? '').split(',').map((coding) => coding.trim().toLowerCase()).filter((coding) => coding !== '');
  if (codings.length > MAX_CODINGS) return undefined;
  const decoders: Transform[] = [];
  for (const coding of codings.reverse()) {
    const make = DECODERS.get(coding);
    if (make === undefined) return undefined;
    if (make) decoders.push(make());
  }
  return decoders;
}

/**
 * Read a response body whole, decoded, up to `limit` decoded bytes.
 *
 * @param contentEncoding the response's `Content-Encoding` (repeated fields joined with commas).
 * @returns the bytes, or undefined when the body is larger than `limit`, or in a coding that cannot be undone or is corrupt.
 * @throws when the connection fails while reading.
 */
export async function readBody(body: Readable, contentEncoding: string | undefined, limit: number): Promise<Buffer | undefined> {
  const decoders = decodersFor(contentEncoding);
  if (decoders === undefined) {
    // undici's body reports its own destruction as an error: nobody is left to hear it.
    body.once('error', () => {}).destroy();
    return undefined;
  }
  // A decoder that fails before the connection did means a bad coding, not a bad link. Listeners added
  // before the pipeline's own run first, so the body is not yet destroyed when the decoder's error comes first.
  let badCoding = false;
  for (const decoder of decoders) decoder.once('error', () => void (badCoding ||= !body.errored));
  const decoded = decoders.length === 0 ? body : (pipeline([body, ...decoders], () => {}) as unknown as Readable);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of decoded as AsyncIterable<Buffer | string>) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buffer.length;
      // Leaving the loop destroys the stream, and the pipeline the body with it.
      if (size > limit) return undefined;
      chunks.push(buffer);
    }
  } catch (error) {
    if (badCoding) return undefined;
    throw error;
  }
  return Buffer.concat(chunks);
}

/**
 * `deflate` as servers send it: zlib-wrapped as RFC 9110 says, or raw, as
 * some do and browsers accept; the first byte tells which.
 */
class Inflate extends Transform {
  #inner: Transform | undefined;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (!this.#inner) {
      if (chunk.length === 0) return callback();
      const inner = (chunk[0]! & 0x0f) === 8 ? createInflate(ZLIB_OPTIONS) : createInflateRaw(ZLIB_OPTIONS);
      inner.on('data', (data: Buffer) => this.push(data));
      inner.on('error', (error) => this.destroy(error));
      this.#inner = inner;
    }
    this.#inner.write(chunk, (error) => callback(error ?? undefined));
  }

  override _flush(callback: TransformCallback): void {
    if (!this.#inner) return callback();
    this.#inner.once('end', () => callback());
    this.#inner.end();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#inner?.destroy();
    callback(error);
  }
}
