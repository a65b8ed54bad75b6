// SHA-256 (FIPS 180-4) written in the core, because the core may not import `node:crypto`
// and must run unchanged in a browser, where WebCrypto is asynchronous. The journal hashes
// every ledger entry, so this is on the hot path: one reusable message buffer and one
// reusable schedule array, no allocation per block.

const ROUND_CONSTANTS = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const INITIAL_STATE = [
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

const schedule = new Int32Array(64);
const hashState = new Int32Array(8);
let messageBuffer = new Uint8Array(1024);

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** SHA-256 of the UTF-8 encoding of `text`, as 64 lowercase hex digits. */
export function sha256Hex(text: string): string {
  const length = encodeUtf8IntoBuffer(text);
  return digestToHex(hashBuffer(length));
}

/** SHA-256 of raw bytes, as 32 bytes. */
export function sha256Bytes(bytes: Uint8Array): Uint8Array {
  ensureCapacity(bytes.length);
  messageBuffer.set(bytes, 0);
  const state = hashBuffer(bytes.length);
  const digest = new Uint8Array(32);
  for (let word = 0; word < 8; word += 1) {
    const value = state[word]!;
    digest[word * 4] = value >>> 24;
    digest[word * 4 + 1] = (value >>> 16) & 0xff;
    digest[word * 4 + 2] = (value >>> 8) & 0xff;
    digest[word * 4 + 3] = value & 0xff;
  }
  return digest;
}

/** Room for the message plus padding (0x80, zeros, 8 length bytes) to a whole block. */
function ensureCapacity(messageLength: number): void {
  const needed = (Math.floor((messageLength + 8) / 64) + 1) * 64;
  if (messageBuffer.length < needed) {
    let size = messageBuffer.length;
    while (size < needed) size *= 2;
    messageBuffer = new Uint8Array(size);
  }
}

/**
 * UTF-8 of a JavaScript string into the message buffer. Lone surrogates become U+FFFD,
 * as TextEncoder and Node's Buffer do, so the hash of any string matches theirs.
 */
function encodeUtf8IntoBuffer(text: string): number {
  // At most 3 bytes per UTF-16 code unit (a surrogate pair is 2 units and 4 bytes).
  ensureCapacity(text.length * 3);
  const out = messageBuffer;
  let position = 0;
  for (let index = 0; index < text.length; index += 1) {
    let code = text.charCodeAt(index);
    if (code < 0x80) {
      out[position++] = code;
      continue;
    }
    if (code >= 0xd800 && code <= 0xdfff) {
      const next = index + 1 < text.length ? text.charCodeAt(index + 1) : 0;
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
        index += 1;
      } else {
        code = 0xfffd;
      }
    }
    if (code < 0x800) {
      out[position++] = 0xc0 | (code >>> 6);
      out[position++] = 0x80 | (code & 0x3f);
    } else if (code < 0x10000) {
      out[position++] = 0xe0 | (code >>> 12);
      out[position++] = 0x80 | ((code >>> 6) & 0x3f);
      out[position++] = 0x80 | (code & 0x3f);
    } else {
      out[position++] = 0xf0 | (code >>> 18);
      out[position++] = 0x80 | ((code >>> 12) & 0x3f);
      out[position++] = 0x80 | ((code >>> 6) & 0x3f);
      out[position++] = 0x80 | (code & 0x3f);
    }
  }
  return position;
}

/** Pads the `length` message bytes in the buffer and runs the compression over all blocks. */
function hashBuffer(length: number): Int32Array {
  const buffer = messageBuffer;
  const blocks = Math.floor((length + 8) / 64) + 1;
  const paddedLength = blocks * 64;
  buffer[length] = 0x80;
  buffer.fill(0, length + 1, paddedLength - 8);
  // Message length in bits as a 64-bit big-endian integer.
  const bitsHigh = Math.floor(length / 0x20000000);
  const bitsLow = (length * 8) >>> 0;
  buffer[paddedLength - 8] = bitsHigh >>> 24;
  buffer[paddedLength - 7] = (bitsHigh >>> 16) & 0xff;
  buffer[paddedLength - 6] = (bitsHigh >>> 8) & 0xff;
  buffer[paddedLength - 5] = bitsHigh & 0xff;
  buffer[paddedLength - 4] = bitsLow >>> 24;
  buffer[paddedLength - 3] = (bitsLow >>> 16) & 0xff;
  buffer[paddedLength - 2] = (bitsLow >>> 8) & 0xff;
  buffer[paddedLength - 1] = bitsLow & 0xff;

  const h = hashState;
  h.set(INITIAL_STATE);
  const w = schedule;
  const k = ROUND_CONSTANTS;
  for (let offset = 0; offset < paddedLength; offset += 64) {
    for (let t = 0; t < 16; t += 1) {
      const at = offset + t * 4;
      w[t] =
        (buffer[at]! << 24) | (buffer[at + 1]! << 16) | (buffer[at + 2]! << 8) | buffer[at + 3]!;
    }
    for (let t = 16; t < 64; t += 1) {
      const w15 = w[t - 15]!;
      const w2 = w[t - 2]!;
      const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
      const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
      w[t] = (w[t - 16]! + s0 + w[t - 7]! + s1) | 0;
    }
    let a = h[0]!;
    let b = h[1]!;
    let c = h[2]!;
    let d = h[3]!;
    let e = h[4]!;
    let f = h[5]!;
    let g = h[6]!;
    let hh = h[7]!;
    for (let t = 0; t < 64; t += 1) {
      const sum1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const choose = (e & f) ^ (~e & g);
      const temp1 = (hh + sum1 + choose + k[t]! + w[t]!) | 0;
      const sum0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const majority = (a & b) ^ (a & c) ^ (b & c);
      const temp2 = (sum0 + majority) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d + temp1) | 0;
      d = c;
      c = b;
      b = a;
      a = (temp1 + temp2) | 0;
    }
    h[0] = h[0]! + a;
    h[1] = h[1]! + b;
    h[2] = h[2]! + c;
    h[3] = h[3]! + d;
    h[4] = h[4]! + e;
    h[5] = h[5]! + f;
    h[6] = h[6]! + g;
    h[7] = h[7]! + hh;
  }
  return h;
}

function digestToHex(state: Int32Array): string {
  let hex = '';
  for (let word = 0; word < 8; word += 1) {
    const value = state[word]!;
    hex +=
      HEX[value >>> 24]! +
      HEX[(value >>> 16) & 0xff]! +
      HEX[(value >>> 8) & 0xff]! +
      HEX[value & 0xff]!;
  }
  return hex;
}
