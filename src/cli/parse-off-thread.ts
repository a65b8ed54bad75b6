// Reading a large YAML file without stopping the server: the YAML parser runs in a worker
// thread, so requests (a readiness probe among them) are answered while it works. The worker
// loads only the `yaml` package; the schema and the cross-reference check run here, on data.
import { Worker } from 'node:worker_threads';

// Runs as an eval'd worker, in whichever module scope Node gives it, so it imports nothing by
// name and reaches Node's modules through process.getBuiltinModule.
const WORKER_SOURCE = `
const { parentPort, workerData } = process.getBuiltinModule('node:worker_threads');
import(workerData.yaml).then(
  (yaml) => {
    try {
      parentPort.postMessage({ ok: true, value: yaml.parse(workerData.text) });
    } catch (error) {
      parentPort.postMessage({ ok: false, message: String(error && error.message) });
    }
  },
  (error) => parentPort.postMessage({ ok: false, message: String(error && error.message) }),
);
`;

/** The text parsed as YAML (JSON files as strict JSON); a syntax error rejects with the
 *  parser's first line, as `parseYamlOrJson` words it. */
export function parseYamlOffThread(text: string, fileName: string): Promise<unknown> {
  if (fileName.toLowerCase().endsWith('.json')) {
    return Promise.resolve().then(() => JSON.parse(text));
  }
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { yaml: import.meta.resolve('yaml'), text },
    });
    worker.once('message', (answer: { ok: boolean; value?: unknown; message?: string }) => {
      void worker.terminate();
      if (answer.ok) resolve(answer.value);
      else reject(new Error(`${fileName}: ${String(answer.message).split('\n')[0]}`));
    });
    worker.once('error', reject);
  });
}
