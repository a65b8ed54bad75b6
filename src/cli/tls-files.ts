// Serving HTTPS directly (`serve --tls-cert FILE --tls-key FILE`, decision 0060): the
// certificate chain and its private key in PEM, read and checked before the database opens, so
// a missing or unusable file is one line and no server.
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import { CliFailure } from './program.ts';

export interface TlsFiles {
  readonly certFile: string;
  readonly keyFile: string;
}

export interface TlsCredentials {
  readonly cert: Buffer;
  readonly key: Buffer;
}

/** Both files, or neither: one without the other is refused. */
export function tlsFilesOf(
  certFile: string | undefined,
  keyFile: string | undefined,
): TlsFiles | undefined {
  const cert = certFile === '' ? undefined : certFile;
  const key = keyFile === '' ? undefined : keyFile;
  if (cert === undefined && key === undefined) return undefined;
  if (cert === undefined || key === undefined) {
    throw new CliFailure('--tls-cert and --tls-key go together: give both files or neither');
  }
  return { certFile: cert, keyFile: key };
}

function readPem(option: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new CliFailure(`${option}: cannot read ${file} (${code})`);
  }
}

export function readTlsCredentials(files: TlsFiles): TlsCredentials {
  const cert = readPem('--tls-cert', files.certFile);
  const key = readPem('--tls-key', files.keyFile);
  try {
    // Parses both and checks that the key belongs to the certificate.
    createSecureContext({ cert, key });
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    throw new CliFailure(
      `--tls-cert ${files.certFile} / --tls-key ${files.keyFile}: not a PEM certificate and its key (${reason})`,
    );
  }
  return { cert, key };
}
