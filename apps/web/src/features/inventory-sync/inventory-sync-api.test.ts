import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../lib/api-client.ts';
import { sendSyncFile } from './inventory-sync-api.ts';
import type { SyncProgress } from './inventory-sync-api.ts';

/** The browser's XMLHttpRequest, reduced to what the upload uses; the test plays the server. */
class FakeRequest {
  static last: FakeRequest | null = null;
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown = null;
  status = 0;
  statusText = '';
  responseText = '';
  upload: {
    onprogress:
      ((event: { lengthComputable: boolean; loaded: number; total: number }) => void) | null;
    onload: (() => void) | null;
  } = { onprogress: null, onload: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;

  constructor() {
    FakeRequest.last = this;
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name.toLowerCase()] = value;
  }
  send(body: unknown) {
    this.body = body;
  }
  answer(status: number, body: unknown) {
    this.status = status;
    this.responseText = body === undefined ? '' : JSON.stringify(body);
    this.onload?.();
  }
}

function file(name: string, text: string): File {
  return new File([text], name);
}

describe('sendSyncFile', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    FakeRequest.last = null;
  });

  it('sends the file itself, typed, marked as the upload page, with the options in the query', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeRequest);
    const upload = file('parc.ndjson', '{"contract":"OCB0005121"}\n');
    const progress: SyncProgress[] = [];
    const sent = sendSyncFile(
      {
        file: upload,
        contentType: 'application/x-ndjson',
        mode: 'full',
        isDryRun: true,
        isStrict: false,
      },
      (step) => progress.push(step),
    );
    const request = FakeRequest.last!;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/api/back-office/inventory/sync?mode=full&dryRun=true&strict=false');
    expect(request.headers['content-type']).toBe('application/x-ndjson');
    expect(request.headers['x-guichet-source']).toBe('upload');
    expect(request.body).toBe(upload);
    request.upload.onprogress?.({ lengthComputable: true, loaded: 30, total: 120 });
    request.upload.onload?.();
    request.answer(200, { id: 'run', status: 'dry_run' });
    await expect(sent).resolves.toEqual({ id: 'run', status: 'dry_run' });
    expect(progress).toEqual([
      { phase: 'sending', percent: 0 },
      { phase: 'sending', percent: 25 },
      { phase: 'processing' },
    ]);
  });

  it('rejects with the API error of a refused file', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeRequest);
    const sent = sendSyncFile(
      {
        file: file('parc.csv', 'x'),
        contentType: 'text/csv',
        mode: 'upsert',
        isDryRun: false,
        isStrict: true,
      },
      () => undefined,
    );
    expect(FakeRequest.last!.url).toBe(
      '/api/back-office/inventory/sync?mode=upsert&dryRun=false&strict=true',
    );
    FakeRequest.last!.answer(415, {
      error: { code: 'unsupported_media_type', message: 'Unsupported' },
    });
    const error = await sent.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(415);
    expect((error as ApiError).code).toBe('unsupported_media_type');
  });

  it('reports a network failure as unavailable', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeRequest);
    const sent = sendSyncFile(
      {
        file: file('parc.csv', 'x'),
        contentType: 'text/csv',
        mode: 'upsert',
        isDryRun: true,
        isStrict: false,
      },
      () => undefined,
    );
    FakeRequest.last!.onerror?.();
    const error = await sent.catch((caught: unknown) => caught);
    expect((error as ApiError).code).toBe('unavailable');
  });

  it('makes an error body up for a proxy page', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeRequest);
    const sent = sendSyncFile(
      {
        file: file('parc.csv', 'x'),
        contentType: 'text/csv',
        mode: 'upsert',
        isDryRun: true,
        isStrict: false,
      },
      () => undefined,
    );
    const request = FakeRequest.last!;
    request.status = 502;
    request.responseText = '<html>Bad gateway</html>';
    request.onload?.();
    const error = await sent.catch((caught: unknown) => caught);
    expect((error as ApiError).code).toBe('unavailable');
  });
});
